import { describe, expect, test } from 'vitest';
import { acceptLanguageOnServer, preferredLocale } from './i18n.ts';
import type { ParaglideRuntime } from './i18n-browser.ts';

const LOCALES = ['zh-CN', 'en'] as const;

describe('preferredLocale', () => {
	test('a browser asking for English gets English, with or without a region', () => {
		expect(preferredLocale('en', LOCALES)).toBe('en');
		expect(preferredLocale('en-US,en;q=0.9', LOCALES)).toBe('en');
		expect(preferredLocale('en-GB', LOCALES)).toBe('en');
	});

	test('a browser asking for any Chinese gets Chinese, even when it also lists English lower', () => {
		expect(preferredLocale('zh-CN,zh;q=0.9,en;q=0.8', LOCALES)).toBe('zh-CN');
		expect(preferredLocale('zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7', LOCALES)).toBe('zh-CN');
		expect(preferredLocale('zh,en;q=0.8', LOCALES)).toBe('zh-CN');
	});

	test('the weights decide, not the order the browser lists them in', () => {
		expect(preferredLocale('zh-CN;q=0.5,en;q=0.9', LOCALES)).toBe('en');
	});

	test('a language we do not have falls through to the next one asked for, else to none', () => {
		expect(preferredLocale('fr-FR,fr;q=0.9,en;q=0.5', LOCALES)).toBe('en');
		expect(preferredLocale('fr-FR,de;q=0.9', LOCALES)).toBeUndefined();
	});

	test('no header chooses nothing (the base language applies), and a bare wildcard takes Chinese', () => {
		expect(preferredLocale(null, LOCALES)).toBeUndefined();
		expect(preferredLocale('', LOCALES)).toBeUndefined();
		expect(preferredLocale('*', LOCALES)).toBe('zh-CN');
	});
});

describe('the server side of the locale strategy', () => {
	// Paraglide runs custom strategies before its own cookie step, so this one must honour it.
	const serverStep = () => {
		let step: ((request?: Request) => string | undefined) | undefined;
		const runtime: ParaglideRuntime = {
			locales: LOCALES,
			cookieName: 'PARAGLIDE_LOCALE',
			isLocale: (locale) => LOCALES.includes(locale as (typeof LOCALES)[number]),
			defineCustomServerStrategy: (_name, handler) => (step = handler.getLocale),
			defineCustomClientStrategy: () => {}
		};
		acceptLanguageOnServer(runtime);
		return (headers: Record<string, string>) => step?.(new Request('http://site/', { headers }));
	};

	test("a visitor's choice in the cookie wins over what the browser asks for", () => {
		const step = serverStep();
		expect(step({ cookie: 'a=1; PARAGLIDE_LOCALE=zh-CN', 'accept-language': 'en' })).toBe('zh-CN');
		expect(step({ cookie: 'PARAGLIDE_LOCALE=en', 'accept-language': 'zh-CN' })).toBe('en');
	});

	test('without a cookie, or with one naming no language of ours, the browser decides', () => {
		const step = serverStep();
		expect(step({ 'accept-language': 'en' })).toBe('en');
		expect(step({ cookie: 'PARAGLIDE_LOCALE=fr', 'accept-language': 'en' })).toBe('en');
		expect(step({ 'accept-language': 'fr' })).toBeUndefined();
	});
});
