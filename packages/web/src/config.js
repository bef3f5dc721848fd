// Plain JavaScript: `svelte.config.js` and `vite.config.ts` load this before anything is compiled.

/**
 * Both apps' Content Security Policy (SvelteKit's `kit.csp`). SvelteKit adds a hash or nonce for
 * its own inline bootstrap script; nothing else inline may run. Styles allow inline because
 * Svelte's `style:` directives write style attributes (theme and category colours); no script can
 * be smuggled in through them.
 * @type {import('@sveltejs/kit').KitConfig['csp']}
 */
export const csp = {
	mode: 'auto',
	directives: {
		'default-src': ['self'],
		'script-src': ['self'],
		'style-src': ['self', 'unsafe-inline'],
		'img-src': ['self', 'data:'],
		'font-src': ['self'],
		'connect-src': ['self'],
		'object-src': ['none'],
		'base-uri': ['self'],
		'form-action': ['self'],
		'frame-ancestors': ['none']
	}
};

/** The name of the strategy that reads the browser's `Accept-Language` (see `i18n.ts`). */
export const ACCEPT_LANGUAGE = 'custom-acceptLanguage';

/**
 * How paraglide picks the language of a page, in order: the visitor's own choice (the language
 * switch's cookie); else what the browser asks for, when that is English or Chinese; else Chinese.
 * The list is compiled into each app's paraglide runtime (vite.config.ts and the `check` script).
 * @type {['cookie', typeof ACCEPT_LANGUAGE, 'baseLocale']}
 */
export const localeStrategy = ['cookie', ACCEPT_LANGUAGE, 'baseLocale'];
