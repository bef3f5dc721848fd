import type { BadgeSheet, PrintBadge } from '@huizhan/api';

/*
 * Badge sheets as both apps print them (the console's selection, a delegation leader's
 * members): A4 pages of a fixed 2 × 2 grid of 90 × 120 mm badges, the standard insert the gate
 * badge uses too. Pages are cut here, not left to the browser, so N badges always print on
 * exactly ceil(N / 4) sheets, whatever the names' lengths.
 */

export const BADGES_PER_PAGE = 4;

export interface DrawnBadge extends Omit<PrintBadge, 'token'> {
	/** The ticket token's QR as SVG, drawn on the server (the token is letters and digits only). */
	qrSvg: string;
}

export interface DrawnSheet {
	conference: BadgeSheet['conference'];
	pages: DrawnBadge[][];
	skipped: BadgeSheet['skipped'];
}

/** Consecutive groups of `size`; the last may be shorter. */
export function pagesOf<T>(items: readonly T[], size = BADGES_PER_PAGE): T[][] {
	const pages: T[][] = [];
	for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
	return pages;
}

/**
 * The sheet with each token drawn as a QR by `toSvg` (the app's `qrcode`), paged. The token
 * stays on the server: the page carries its picture only.
 */
export async function drawBadgeSheet(
	sheet: BadgeSheet,
	toSvg: (text: string) => Promise<string>
): Promise<DrawnSheet> {
	const drawn = await Promise.all(
		sheet.badges.map(async ({ token, ...badge }) => ({ ...badge, qrSvg: await toSvg(token) }))
	);
	return { conference: sheet.conference, pages: pagesOf(drawn), skipped: sheet.skipped };
}
