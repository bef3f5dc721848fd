import { expect, test } from 'vitest';
import { smsLength } from './notices-sms.ts';

test('a Chinese text is one SMS up to 70 characters, then parts of 67', () => {
	expect(smsLength('通'.repeat(70))).toEqual({
		encoding: 'ucs2',
		characters: 70,
		segments: 1,
		perSegment: 70
	});
	expect(smsLength('通'.repeat(71)).segments).toBe(2);
	expect(smsLength('通'.repeat(134)).segments).toBe(2);
	expect(smsLength('通'.repeat(135)).segments).toBe(3);
});

test('one Chinese character makes the whole text UCS-2', () => {
	const text = `${'a'.repeat(69)}通`;
	expect(smsLength(text)).toMatchObject({ encoding: 'ucs2', segments: 1 });
	expect(smsLength(`${text}b`)).toMatchObject({ encoding: 'ucs2', segments: 2 });
});

test('a plain English text is one SMS up to 160 characters, then parts of 153', () => {
	expect(smsLength('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', segments: 1 });
	expect(smsLength('a'.repeat(161)).segments).toBe(2);
	expect(smsLength('a'.repeat(306)).segments).toBe(2);
	expect(smsLength('a'.repeat(307)).segments).toBe(3);
});

test('characters of the GSM extension count twice; an emoji counts two UCS-2 units', () => {
	expect(smsLength('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', segments: 1 });
	expect(smsLength('€'.repeat(81)).segments).toBe(2);
	expect(smsLength('🙂'.repeat(35))).toMatchObject({ characters: 35, segments: 1 });
	expect(smsLength('🙂'.repeat(36)).segments).toBe(2);
});

test('an empty text is no SMS', () => {
	expect(smsLength('').segments).toBe(0);
});
