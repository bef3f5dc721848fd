import { z } from 'zod';
import { schema } from '@huizhan/db';
import { decideRegistration, listRegistrations } from '../services/registration-desk.ts';
import { exportRegistrations } from '../services/registration-export.ts';
import { SHEET_FORMATS } from '../spreadsheets/export.ts';
import { router, staffProcedure } from '../trpc.ts';

const filters = z.object({
	conferenceId: z.string().max(64).optional(),
	category: z.enum(schema.ATTENDEE_CATEGORIES).optional(),
	status: z.enum(schema.REGISTRATION_STATUSES).optional(),
	text: z.string().trim().max(100).optional(),
	checkedIn: z.boolean().optional(),
	/** With `answer`: who gave that answer (a choice's key, yes/no, a date, the text) to it. */
	questionId: z.coerce.number().int().positive().optional(),
	answer: z.string().trim().max(100).optional()
});

export const registrationDeskRouter = router({
	/**
	 * Registrations with search and filters. Door staff search at the gate; only admins see
	 * mobiles and emails in full (docs/architecture.md, “Who uses it”: staff see only what their role needs).
	 */
	list: staffProcedure(['admin', 'door'])
		.input(
			filters.extend({
				page: z.coerce.number().int().min(1).max(100_000).default(1),
				pageSize: z.coerce.number().int().min(1).max(200).default(50)
			})
		)
		.query(({ ctx, input }) => listRegistrations(ctx.db, input, ctx.user)),

	/**
	 * The filtered list, every page, with contacts in full, as .xlsx or .csv. Admins only: it is
	 * personal data leaving the system, so each export is in the audit log.
	 */
	export: staffProcedure(['admin'])
		.input(filters.extend({ format: z.enum(SHEET_FORMATS).default('xlsx') }))
		.query(({ ctx, input }) =>
			exportRegistrations(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),

	/** Approve or reject a pending VIP/media registration, or cancel one. */
	decide: staffProcedure(['admin'])
		.input(
			z.object({
				registrationId: z.coerce.number().int().positive(),
				decision: z.enum(['approve', 'reject', 'cancel'])
			})
		)
		.mutation(async ({ ctx, input }) => {
			const result = await decideRegistration(
				ctx.db,
				input,
				{ user: ctx.user, source: ctx.source, now: ctx.now() },
				{ queueMail: ctx.mail.enabled }
			);
			if (result.mailQueued) ctx.mail.kick();
			return { status: result.status };
		})
});
