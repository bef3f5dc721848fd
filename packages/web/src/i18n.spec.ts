import { describe, expect, test } from 'vitest';
import { preferredLocale } from './i18n.ts';

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
