import type { Cookies } from '@sveltejs/kit';

/**
 * The cookie holding a preview grant (docs/architecture.md, “Previewing a draft”): httpOnly, so
 * page scripts never read it, and gone when the grant expires.
 */
export const PREVIEW_COOKIE = 'huizhan_preview';

/** The grant this visitor holds, if any; the API checks it (signature, edition, expiry). */
export const previewGrant = (cookies: Cookies): string | undefined => cookies.get(PREVIEW_COOKIE);
