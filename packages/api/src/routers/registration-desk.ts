import { z } from 'zod';
import { schema } from '@huizhan/db';
import { decideRegistration, listRegistrations } from '../services/registration-desk.ts';
import { router, staffProcedure } from '../trpc.ts';

export const registrationDeskRouter = router({
	/**
	 * Registrations with search and filters. Door staff search at the gate; only admins see
	 * mobiles and emails in full (design.md: staff see only what their role needs).
	 */
	list: staffProcedure(['admin', 'door'])
		.input(
			z.object({
				conferenceId: z.string().max(64).optional(),
				category: z.enum(schema.ATTENDEE_CATEGORIES).optional(),
				status: z.enum(schema.REGISTRATION_STATUSES).optional(),
				text: z.string().trim().max(100).optional(),
				page: z.coerce.number().int().min(1).max(100_000).default(1),
				pageSize: z.coerce.number().int().min(1).max(200).default(50)
			})
		)
		.query(({ ctx, input }) => listRegistrations(ctx.db, input, ctx.user)),

	/** Approve or reject a pending VIP/media registration, or cancel one. */
	decide: staffProcedure(['admin'])
		.input(
			z.object({
				registrationId: z.coerce.number().int().positive(),
				decision: z.enum(['approve', 'reject', 'cancel'])
			})
		)
		.mutation(({ ctx, input }) =>
			decideRegistration(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		)
});
