/**
 * A path of this app to send the user back to, or `fallback`. Only a same-origin absolute path
 * passes: `//evil.example`, `/\evil.example`, `https://…` and anything with a control character
 * would turn a redirect into an open redirect.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
	if (!next || next.length > 2_000) return fallback;
	if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\\]/.test(next)) return fallback;
	try {
		const url = new URL(next, 'http://this.app');
		if (url.origin !== 'http://this.app') return fallback;
		return `${url.pathname}${url.search}${url.hash}`;
	} catch {
		return fallback;
	}
}
