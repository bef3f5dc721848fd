import { ACCEPT_LANGUAGE } from './config.js';

/** The parts of an app's generated paraglide runtime (`$lib/paraglide/runtime`) used here. */
export interface ParaglideRuntime {
	locales: readonly string[];
	cookieName: string;
	isLocale(locale: unknown): boolean;
	defineCustomServerStrategy(
		strategy: `custom-${string}`,
		handler: { getLocale: (request?: Request) => string | undefined }
	): void;
	defineCustomClientStrategy(
		strategy: `custom-${string}`,
		handler: { getLocale: () => string | undefined; setLocale: (locale: string) => void }
	): void;
}

/**
 * In the browser: the same step takes the language the server rendered the page in (`<html
 * lang>`). Asking `navigator.languages` instead could disagree with the header the server saw
 * and hydrate a Chinese page in English.
 */
export function acceptLanguageInBrowser(runtime: ParaglideRuntime): void {
	runtime.defineCustomClientStrategy(ACCEPT_LANGUAGE, {
		getLocale: () => document.documentElement.lang || undefined,
		// The language switch posts a form and sets the cookie on the server; nothing to do here.
		setLocale: () => {}
	});
}
