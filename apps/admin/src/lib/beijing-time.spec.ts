import { expect, test } from 'vitest';
import { fromBeijingField, toBeijingField } from './beijing-time.ts';

test('a moment shows in the field as Beijing wall-clock time', () => {
	expect(toBeijingField('2026-07-31T16:00:00.000Z')).toBe('2026-08-01T00:00');
});

test('a field read back gives the same moment', () => {
	const field = toBeijingField('2026-11-05T10:00:00.000Z');
	expect(new Date(fromBeijingField(field)).toISOString()).toBe('2026-11-05T10:00:00.000Z');
});

test('anything not shaped like the field is passed on for the schema to refuse', () => {
	expect(fromBeijingField('tomorrow')).toBe('tomorrow');
});
