import { sessionSeatLock } from '../services/agenda.ts';
import {
	cancelSignup,
	myAgenda,
	registrationChoices,
	requireHolder,
	sessionChoices,
	signUp
} from '../services/session-signups.ts';
import { exportSessionSignups, listSessionSignups } from '../services/session-signups-list.ts';
import {
	sessionSignupsExportInput,
	sessionSignupsInput,
	ticketAgendaInput,
	ticketSessionInput
} from '../schemas/session-signups.ts';
import { z } from 'zod';
import { publicProcedure, router, staffProcedure } from '../trpc.ts';

/**
 * The attendee's side, joined into the registration router beside `ticket`: each takes the
 * ticket's secret, and an unknown one is NOT_FOUND, the ticket page's 404.
 */
export const ticketSignupProcedures = {
	/** Every session of the ticket's edition as this attendee may pick it, and my agenda. */
	sessionChoices: publicProcedure.input(ticketAgendaInput).query(async ({ ctx, input }) => {
		const holder = await requireHolder(ctx.db, input.secret);
		return sessionChoices(ctx.db, holder, ctx.now());
	}),

	/** My agenda (我的议程): the chosen sessions in time order. */
	myAgenda: publicProcedure.input(ticketAgendaInput).query(async ({ ctx, input }) => {
		const holder = await requireHolder(ctx.db, input.secret);
		return myAgenda(ctx.db, holder);
	}),

	/** Signs up for a session; twice is once. Clashes with chosen sessions come back, not refused. */
	signUp: publicProcedure
		.input(ticketSessionInput)
		.mutation(({ ctx, input }) =>
			ctx.writes.run(
				async (tx) => signUp(tx, await requireHolder(tx, input.secret), input.sessionId, ctx.now()),
				{ locks: [sessionSeatLock(input.sessionId)] }
			)
		),

	/** Gives a seat back; `cancelled: false` when there was no sign-up to cancel. */
	cancelSignup: publicProcedure
		.input(ticketSessionInput)
		.mutation(({ ctx, input }) =>
			ctx.writes.run(
				async (tx) =>
					cancelSignup(tx, await requireHolder(tx, input.secret), input.sessionId, ctx.now()),
				{ locks: [sessionSeatLock(input.sessionId)] }
			)
		),

	/** The sessions the open registration form offers (they take sign-ups and are not over). */
	registrationSessions: publicProcedure
		.input(z.object({ conferenceId: z.string().trim().min(1).max(64) }))
		.query(({ ctx, input }) => registrationChoices(ctx.db, input.conferenceId, ctx.now()))
};

/** The console's side: who signed up for a session (admin). */
export const sessionSignupsRouter = router({
	/** The session and its sign-ups, earliest first; contacts masked. */
	list: staffProcedure(['admin'])
		.input(sessionSignupsInput)
		.query(({ ctx, input }) => listSessionSignups(ctx.db, input.sessionId)),

	/** The sign-ups as .xlsx (or .csv), contacts in full; audited. */
	export: staffProcedure(['admin'])
		.input(sessionSignupsExportInput)
		.query(({ ctx, input }) =>
			exportSessionSignups(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		)
});
