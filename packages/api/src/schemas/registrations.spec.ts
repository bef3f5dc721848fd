import { describe, expect, test } from 'vitest';
import { findTicketInput, normalReference, phoneOf, registerInput } from './registrations.ts';

describe('a mobile number', () => {
	test.each([
		['13900001234', '+8613900001234'],
		['19900001234', '+8619900001234'],
		['14512345678', '+8614512345678'],
		['16612345678', '+8616612345678'],
		['+86 139 0000 1234', '+8613900001234']
	])('a mainland mobile of 11 digits in a real range (%s) is accepted', (typed, e164) => {
		expect(phoneOf(typed, 'CN')).toBe(e164);
	});

	test.each([
		['1390000123', 'ten digits'],
		['139000012345', 'twelve digits'],
		['+86 1390000123', 'ten digits after +86'],
		['+86 139000012345', 'twelve digits after +86'],
		['12345678901', 'eleven digits in no range (12…)'],
		['10012345678', 'eleven digits in no range (100…)']
	])('a mainland mobile %s (%s) is refused', (typed) => {
		expect(phoneOf(typed, 'CN')).toBeNull();
	});

	test.each([
		['US', '201 555 0123', '+12015550123'],
		['GB', '07400 123456', '+447400123456'],
		['JP', '090 1234 5678', '+819012345678'],
		['HK', '5123 4567', '+85251234567'],
		['TW', '0912 345 678', '+886912345678']
	])('a mobile of %s with the right number of digits is accepted', (country, typed, e164) => {
		expect(phoneOf(typed, country)).toBe(e164);
	});

	test.each([
		['US', '201 555 012'],
		['GB', '07400 12345'],
		['JP', '090 1234 567'],
		['HK', '5123 456'],
		['TW', '0912 345 67']
	])('a mobile of %s one digit short is refused', (country, typed) => {
		expect(phoneOf(typed, country)).toBeNull();
	});
});

describe('a ticket reference', () => {
	test('is read as stored when typed in lower case, without its dash or with spaces', () => {
		for (const typed of ['wsc-7k3q9m', 'wsc7k3q9m', 'WSC7K3Q9M', ' wsc 7k3 q9m ', 'WSC-7K3Q9M']) {
			expect(normalReference(typed)).toBe('WSC-7K3Q9M');
		}
	});

	test('keeps a longer prefix whole', () => {
		expect(normalReference('wdc2026abcdef')).toBe('WDC2026-ABCDEF');
	});

	test('is normalised by the find-my-ticket schema', () => {
		expect(findTicketInput.parse({ reference: 'wsc7k3q9m', contact: 'x' }).reference).toBe(
			'WSC-7K3Q9M'
		);
	});
});

describe('the registration form', () => {
	const codes = (input: Record<string, unknown>) =>
		registerInput
			.safeParse({ conferenceId: 'wsc-2024', ...input })
			.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`)
			.sort();

	test('reports the missing contact with every other problem, even with no category and no consent', () => {
		expect(codes({})).toEqual([
			'category:category_required',
			'consent:consent_required',
			'mobile:contact_required',
			'name:required',
			'organisation:required'
		]);
	});

	test('reports a 10-digit mobile in the same pass as an unchosen category', () => {
		expect(codes({ name: 'x', organisation: 'y', consent: true, mobile: '1390000123' })).toEqual([
			'category:category_required',
			'mobile:mobile_invalid'
		]);
	});
});
