import { getLocale } from '$lib/paraglide/runtime';

/** Picks the Chinese or English form of a bilingual database field. */
export function localized(zh: string, en: string): string {
	return getLocale() === 'en' ? en : zh;
}
