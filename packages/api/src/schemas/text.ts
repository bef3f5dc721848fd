import { z } from 'zod';

/*
 * The text fields every form schema uses. Their errors are stable codes (`required`,
 * `too_long`) that each app translates beside the field.
 */

/** A required line: trimmed, not empty, at most `max` characters. */
export const text = (max: number) =>
	z
		.string({ error: 'required' })
		.trim()
		.min(1, { error: 'required' })
		.max(max, { error: 'too_long' });

/** An optional line that reads as null when left empty (or missing). */
export const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: 'too_long' })
		.nullish()
		.transform((v) => v || null);

/** An optional line that reads as '' when missing: for columns that hold '' rather than null. */
export const textOrEmpty = (max: number) =>
	z.string().trim().max(max, { error: 'too_long' }).default('');
