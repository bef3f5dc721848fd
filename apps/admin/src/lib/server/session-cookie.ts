import type { Cookies } from '@sveltejs/kit';

export const SESSION_COOKIE = 'hz_session';

/**
 * HttpOnly so page scripts never see the token; SameSite=Lax so another site cannot ride it on
 * a form post; Secure whenever the console is served over https.
 */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, url: URL): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:'
	});
}
