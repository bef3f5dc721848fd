import { TRPCError } from '@trpc/server';
import { AUDIT_ACTIONS, type AuditAction } from '@huizhan/api';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day in Beijing time, as the instant it starts; `after` gives the next day's start. */
function dayStart(day: string | null, after = false): Date | undefined {
	if (!day || !DAY.test(day)) return undefined;
	const start = new Date(`${day}T00:00:00+08:00`);
	if (Number.isNaN(start.getTime())) return undefined;
	return after ? new Date(start.getTime() + 24 * 60 * 60 * 1000) : start;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const params = url.searchParams;
	const action = params.get('action');
	const filters: { action: AuditAction | ''; actor: string; from: string; to: string } = {
		action: AUDIT_ACTIONS.includes(action as AuditAction) ? (action as AuditAction) : '',
		actor: (params.get('actor') ?? '').trim().slice(0, 64),
		from: params.get('from') ?? '',
		to: params.get('to') ?? ''
	};
	const page = Math.max(1, Math.min(100_000, Number.parseInt(params.get('page') ?? '1', 10) || 1));
	try {
		const result = await locals.api.audit.list({
			action: filters.action || undefined,
			actor: filters.actor || undefined,
			from: dayStart(filters.from),
			to: dayStart(filters.to, true),
			page,
			pageSize: PAGE_SIZE
		});
		return {
			...result,
			filters,
			page,
			pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
			actions: AUDIT_ACTIONS
		};
	} catch (e) {
		if (e instanceof TRPCError && e.code === 'BAD_REQUEST') {
			return { rows: [], total: 0, filters, page: 1, pages: 1, actions: AUDIT_ACTIONS };
		}
		throw e;
	}
};
