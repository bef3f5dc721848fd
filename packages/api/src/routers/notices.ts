import { z } from 'zod';
import { noticeListInput, noticePreviewInput, sendNoticeInput } from '../schemas/notices.ts';
import { listNotices, noticeOptions, previewNotice, sendNotice } from '../services/notices.ts';
import { router, staffProcedure } from '../trpc.ts';

/**
 * Notices (通知) to a selection of an edition's registrants. Admins only: a notice speaks in the
 * organiser's name to thousands of phones, each SMS is paid for and none can be called back, and
 * its preview counts people by contact detail — the same trust as the registration export.
 */
export const noticesRouter = router({
	/** The edition's categories and delegations, to narrow the audience by. */
	options: staffProcedure(['admin'])
		.input(z.object({ conferenceId: z.string().trim().min(1).max(64) }))
		.query(({ ctx, input }) => noticeOptions(ctx.db, input.conferenceId)),

	/** The exact number of recipients (by SMS, by mail, unreachable), SMS lengths, a send key. */
	preview: staffProcedure(['admin'])
		.input(noticePreviewInput)
		.query(({ ctx, input }) => previewNotice(ctx.db, input)),

	/** Sends once per `requestId`; a repeated press answers with the first notice. Audited. */
	send: staffProcedure(['admin'])
		.input(sendNoticeInput)
		.mutation(async ({ ctx, input }) => {
			const result = await sendNotice(ctx.db, input, {
				user: ctx.user,
				source: ctx.source,
				now: ctx.now()
			});
			if (result.queued > 0) ctx.mail.kick();
			return result;
		}),

	/** The notices sent, newest first, with delivery per channel from the outbox. */
	list: staffProcedure(['admin'])
		.input(noticeListInput)
		.query(({ ctx, input }) => listNotices(ctx.db, input))
});
