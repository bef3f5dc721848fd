import type { RequestEvent } from '@sveltejs/kit';
import type { TRPCRequestInfo } from '@trpc/server/http';
import { createContextInner } from '@huizhan/api';
import { database } from './db.ts';
import { limits } from './limits.ts';
import { mail } from './mail.ts';

/**
 * What every attendee procedure sees, built one way for the pages (`locals.api`) and for
 * `/api/trpc`: a registration sends its confirmation mail however it arrives. The client's
 * address keys the per-address limits; without it every visitor would share one limit.
 */
export async function attendeeContext(event: RequestEvent, info?: TRPCRequestInfo) {
	const { db, writes } = await database();
	return createContextInner({
		db,
		writes,
		source: event.getClientAddress(),
		limits: limits(),
		mail: mail(db),
		info
	});
}
