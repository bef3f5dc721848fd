import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { APPLICANT_REFUSALS } from '@huizhan/api';

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

/**
 * Every refusal the registration procedures give (packages/api: the registerInput schema's field
 * codes, the AppError reasons of services/registrations.ts, routers/registrations.ts and the
 * invitee's side of services/invitations.ts) and the
 * ones the attendee app adds. A page shows `error_<code>`; without it the reader would get the
 * generic sentence instead of what went wrong.
 */
const REFUSALS = [
	'required',
	'too_long',
	'category_required',
	'country_format',
	'mobile_invalid',
	'email_invalid',
	'contact_required',
	'consent_required',
	'conference_not_found',
	'registration_closed',
	'category_not_offered',
	'category_full',
	'category_closed',
	'too_many_attempts',
	'already_registered',
	'no_ticket_match',
	'category_by_invitation',
	'invitation_not_found',
	'invitation_expired',
	'invitation_declined',
	'invitation_accepted',
	// The application to exhibit (services/exhibitor-applications.ts) and its withdrawal's check.
	...APPLICANT_REFUSALS,
	'withdraw_confirm_required',
	'unexpected'
];

test('every refusal of the registration API has its words in both languages', () => {
	for (const locale of ['zh-CN', 'en']) {
		const messages = load(locale);
		for (const code of REFUSALS)
			expect(messages[`error_${code}`], `${locale} ${code}`).toBeTruthy();
	}
});

test('the pages translate every refusal of the registration API (lib/errors.ts lists each)', () => {
	// errors.ts imports paraglide's compiled messages, which only SvelteKit's build resolves; its
	// table is read as text instead.
	const table = readFileSync(new URL('./lib/errors.ts', import.meta.url), 'utf8');
	for (const code of REFUSALS.filter((c) => c !== 'unexpected')) {
		expect(table, code).toMatch(new RegExp(`\\b${code}: m\\.error_${code},?\\n`));
	}
});
