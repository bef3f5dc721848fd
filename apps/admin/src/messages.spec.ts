import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';

const load = (locale: string): Record<string, string> => {
	const { $schema: _schema, ...messages } = JSON.parse(
		readFileSync(new URL(`../messages/${locale}.json`, import.meta.url), 'utf8')
	);
	return messages;
};

test('every message exists in Chinese and in English, and none is empty', () => {
	const zh = load('zh-CN');
	const en = load('en');
	expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
	for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) {
		expect(text.trim(), key).not.toBe('');
	}
});

test('a message uses the same placeholders in both languages', () => {
	const zh = load('zh-CN');
	const en = load('en');
	const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
	for (const key of Object.keys(zh)) {
		expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(zh[key] ?? ''));
	}
});
