import QRCode from 'qrcode';
import { schema } from '@huizhan/db';
import { drawBadgeSheet } from '@huizhan/web/badges';
import { actionFailure } from '@huizhan/web/actions';
import type { PageServerLoad } from './$types';

type Selection =
	| { by: 'category'; conferenceId: string; category: schema.AttendeeCategory }
	| { by: 'delegation'; delegationId: number }
	| { by: 'references'; references: string[] };

/** The selection in the address (a GET form, so a sheet can be bookmarked and printed again). */
function selectionOf(p: URLSearchParams): Selection | null {
	const by = p.get('by');
	if (by === 'category') {
		const category = p.get('category') as schema.AttendeeCategory;
		const conferenceId = p.get('conference')?.trim() ?? '';
		if (!conferenceId || !schema.ATTENDEE_CATEGORIES.includes(category)) return null;
		return { by, conferenceId, category };
	}
	if (by === 'delegation') {
		const delegationId = Number(p.get('delegation'));
		return Number.isInteger(delegationId) && delegationId > 0 ? { by, delegationId } : null;
	}
	if (by === 'references') {
		const references = (p.get('references') ?? '')
			.split(/[\s,，;；]+/)
			.map((r) => r.trim())
			.filter(Boolean)
			.slice(0, 2000);
		return references.length ? { by, references } : null;
	}
	return null;
}

const qrSvg = (text: string) =>
	QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });

export const load: PageServerLoad = async ({ locals, url, setHeaders }) => {
	const conferences = await locals.api.conferences.list();
	const selection = selectionOf(url.searchParams);
	const asked = Object.fromEntries(url.searchParams);
	if (!selection) return { conferences, asked, sheet: null, reason: null };
	setHeaders({ 'cache-control': 'private, no-store' });
	try {
		const sheet = await drawBadgeSheet(await locals.api.badges.sheet(selection), qrSvg);
		return { conferences, asked, sheet, reason: null };
	} catch (e) {
		const failure = actionFailure(e);
		return { conferences, asked, sheet: null, reason: String(failure.data.reason ?? 'unexpected') };
	}
};
