import { z } from 'zod';
import { schema } from '@huizhan/db';
import { listOutbox, retryMail } from '../mail/outbox.ts';
import { router, staffProcedure } from '../trpc.ts';

/** Attendee mail as the console sees it: admins watch for failures and send them again. */
export const mailRouter = router({
	/** Counts per state, and one page of the messages in a state (failed first by default). */
	outbox: staffProcedure(['admin'])
		.input(
			z.object({
				status: z.enum(schema.MESSAGE_STATUSES).default('failed'),
				page: z.coerce.number().int().min(1).max(100_000).default(1),
				pageSize: z.coerce.number().int().min(1).max(200).default(50)
			})
		)
		.query(async ({ ctx, input }) => ({
			...(await listOutbox(ctx.db, input)),
			enabled: ctx.mail.enabled
		})),

	/** Queues one failed message again, or every failed one when no id is given; audited. */
	retry: staffProcedure(['admin'])
		.input(z.object({ id: z.coerce.number().int().positive().optional() }))
		.mutation(async ({ ctx, input }) => {
			const result = await retryMail(ctx.db, input, {
				user: ctx.user,
				source: ctx.source,
				now: ctx.now()
			});
			if (result.queued > 0) ctx.mail.kick();
			return result;
		})
});
