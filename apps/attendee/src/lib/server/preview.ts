import type { Cookies } from '@sveltejs/kit';

/**
 * The cookie holding a preview grant (docs/architecture.md, “Previewing a draft”): httpOnly, so
 * page scripts never read it, and gone when the grant expires.
 */
export const PREVIEW_COOKIE = 'huizhan_preview';

/**
 * The grant this visitor holds, if any; the API checks it (edition, MAC, expiry). A value no
 * grant could be (longer than the API takes) is no grant, rather than a refused request.
 */
export function previewGrant(cookies: Cookies): string | undefined {
	const value = cookies.get(PREVIEW_COOKIE);
	return value && value.length <= 512 ? value : undefined;
}
