import { expect, test } from 'vitest';
import { safeNextPath } from './redirect.ts';

test('keeps a path of this app with its query', () => {
	expect(safeNextPath('/deals?chain=3')).toBe('/deals?chain=3');
	expect(safeNextPath('/c/wsc-2024/register')).toBe('/c/wsc-2024/register');
});

test('refuses anything that would leave the app', () => {
	for (const next of [
		'//evil.example/',
		'/\\evil.example',
		'https://evil.example/',
		'javascript:alert(1)',
		'evil',
		'/%0d%0aSet-Cookie:x=1'.replace('%0d%0a', '\r\n'),
		''
	]) {
		expect(safeNextPath(next)).toBe('/');
	}
	expect(safeNextPath(null, '/live')).toBe('/live');
});
