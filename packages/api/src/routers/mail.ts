import { z } from 'zod';
import { schema } from '@huizhan/db';
import { listOutbox, retryMail } from '../mail/outbox.ts';
import { router, staffProcedure } from '../trpc.ts';

/** Attendee messages (mail and SMS) as the console sees them: admins watch for failures and send them again. */
export const mailRouter = router({
	/**
	 * Counts per channel and state, one page of the messages in a state (failed first by
	 * default; of one channel or both), and which channels are configured.
	 */
	outbox: staffProcedure(['admin'])
		.input(
			z.object({
				status: z.enum(schema.MESSAGE_STATUSES).default('failed'),
				channel: z.enum(schema.MESSAGE_CHANNELS).optional(),
				page: z.coerce.number().int().min(1).max(100_000).default(1),
				pageSize: z.coerce.number().int().min(1).max(200).default(50)
			})
		)
		.query(async ({ ctx, input }) => ({
			...(await listOutbox(ctx.db, input)),
			enabled: ctx.mail.enabled,
			channels: ctx.mail.channels ?? { mail: ctx.mail.enabled, sms: false }
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
