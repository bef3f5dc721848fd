import type { RequestEvent } from '@sveltejs/kit';
import type { TRPCRequestInfo } from '@trpc/server/http';
import { createContextInner } from '@huizhan/api';
import { database } from './db.ts';
import { mail } from './mail.ts';

/**
 * What every console procedure sees, built one way for the pages (`locals.api`) and for
 * `/api/trpc`: the caller (a session's staff member or a scanner device, resolved by the
 * `session` hook) and the mail sender, so an approval mails the attendee however it arrives.
 */
export async function adminContext(event: RequestEvent, info?: TRPCRequestInfo) {
	const { db, writes } = await database();
	return createContextInner({
		db,
		writes,
		user: event.locals.user,
		device: event.locals.device,
		sessionToken: event.locals.sessionToken,
		source: event.getClientAddress(),
		mail: mail(db),
		// auth.signIn refuses batches: each attempt must be counted on its own.
		batched: info?.isBatchCall ?? false,
		info
	});
}
