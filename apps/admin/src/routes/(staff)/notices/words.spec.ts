import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { NOTICE_LIMITS, NOTICE_REFUSALS } from '@huizhan/api';

const load = (locale: string): Record<string, string> =>
	JSON.parse(readFileSync(new URL(`../../../../messages/${locale}.json`, import.meta.url), 'utf8'));

test('every refusal of the notice form has its words in both languages', () => {
	for (const locale of ['zh-CN', 'en']) {
		const messages = load(locale);
		for (const reason of [...NOTICE_REFUSALS, 'notice_too_long', 'notice_request']) {
			expect(messages[`error_${reason}`], `${locale} ${reason}`).toBeTruthy();
		}
	}
});

test('the rate-limit message names the limits the server holds', () => {
	for (const locale of ['zh-CN', 'en']) {
		const text = load(locale)['error_notice_rate_limited'] ?? '';
		expect(text).toContain(String(NOTICE_LIMITS.perEdition));
		expect(text).toContain(String(NOTICE_LIMITS.perAdmin));
	}
});
