import { EXHIBITOR_STATUSES, type ExhibitorStatus } from '@huizhan/ledger';
import type { PageServerLoad } from './$types';

const statusOf = (raw: string | null): ExhibitorStatus | undefined =>
	(EXHIBITOR_STATUSES as readonly string[]).includes(raw ?? '')
		? (raw as ExhibitorStatus)
		: undefined;

/** An edition's applications: the open edition first shown, filtered by status and search. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const conferences = await locals.api.conferences.list();
	const asked = url.searchParams.get('conference')?.trim().slice(0, 64);
	const conferenceId =
		conferences.find((c) => c.id === asked)?.id ??
		conferences.find((c) => c.status === 'open')?.id ??
		conferences[0]?.id;
	const status = statusOf(url.searchParams.get('status'));
	const q = url.searchParams.get('q')?.trim().slice(0, 100) ?? '';
	const list = conferenceId
		? await locals.api.exhibitors.list({ conferenceId, status, q })
		: { counts: null, rows: [] };
	return { conferences, conferenceId, status: status ?? null, q, ...list };
};
