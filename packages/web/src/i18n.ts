import Negotiator from 'negotiator';
import { ACCEPT_LANGUAGE } from './config.js';
import type { ParaglideRuntime } from './i18n-browser.ts';

/**
 * The one of `locales` the browser's `Accept-Language` asks for first, or undefined when it asks
 * for none of them (then the page is in the base language). Every Chinese tag (`zh`, `zh-TW`,
 * `zh-Hans-CN`) counts as our Chinese: a reader of traditional characters is better served by
 * simplified ones than by English, and a browser that says only `zh` must not fall through to a
 * lower-ranked `en`.
 */
export function preferredLocale<L extends string>(
	acceptLanguage: string | null | undefined,
	locales: readonly L[]
): L | undefined {
	if (!acceptLanguage) return undefined;
	const offers = new Map<string, L>();
	for (const locale of locales) {
		offers.set(locale.toLowerCase(), locale);
		const language = locale.split('-')[0]?.toLowerCase();
		if (language && !offers.has(language)) offers.set(language, locale);
	}
	const best = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([
		...offers.keys()
	]);
	return best === undefined ? undefined : offers.get(best.toLowerCase());
}

/**
 * On the server: the `Accept-Language` step of the locale strategy. Paraglide asks custom steps
 * before its own whatever their order, so this one gives way to the language switch's cookie
 * itself: a visitor's choice wins over what their browser asks for.
 */
export function acceptLanguageOnServer(runtime: ParaglideRuntime): void {
	runtime.defineCustomServerStrategy(ACCEPT_LANGUAGE, {
		getLocale: (request) => {
			if (!request) return undefined;
			const chosen = cookieValue(request.headers.get('cookie'), runtime.cookieName);
			if (chosen !== undefined && runtime.isLocale(chosen)) return chosen;
			return preferredLocale(request.headers.get('accept-language'), runtime.locales);
		}
	});
}

const cookieValue = (header: string | null, name: string): string | undefined =>
	header
		?.split(';')
		.map((part) => part.trim())
		.find((part) => part.startsWith(`${name}=`))
		?.slice(name.length + 1);
