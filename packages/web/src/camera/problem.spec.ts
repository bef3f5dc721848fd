import { expect, test } from 'vitest';
import { cameraProblem } from './problem.ts';

const rejection = (name: string) => Object.assign(new Error('raw browser message'), { name });

test('a device without a camera is told the camera is missing', () => {
	expect(cameraProblem(rejection('NotFoundError'))).toBe('missing');
	expect(cameraProblem(rejection('OverconstrainedError'))).toBe('missing');
});

test('a refused permission is told apart from a missing camera', () => {
	expect(cameraProblem(rejection('NotAllowedError'))).toBe('denied');
});

test('a camera held by another app is reported as busy', () => {
	expect(cameraProblem(rejection('NotReadableError'))).toBe('busy');
});

test('a page the browser will not give a camera to is reported as needing https', () => {
	expect(cameraProblem(rejection('SecurityError'))).toBe('insecure');
});

test('anything else, even a thrown string, is a plain failure rather than a raw error name', () => {
	expect(cameraProblem(rejection('SomethingNew'))).toBe('failed');
	expect(cameraProblem('boom')).toBe('failed');
	expect(cameraProblem(null)).toBe('failed');
});
