import { z } from 'zod';
import { AppError } from '../errors.ts';
import { publicConference } from '../services/conference-page.ts';
import { checkPreviewGrant } from '../services/preview-grants.ts';
import { previewGrantInput } from './conferences.ts';
import { findTicketInput, registerInput } from '../schemas/registrations.ts';
import {
	cancelBySecret,
	findTicketSecret,
	register,
	ticketBySecret,
	capacityLock
} from '../services/registrations.ts';
import { sessionSeatLock } from '../services/agenda.ts';
import { publicTicketKeys, revokedRegistrations, ticketToken } from '../services/tickets.ts';
import { publicProcedure, router } from '../trpc.ts';
import { ticketSignupProcedures } from './session-signups.ts';

const secretInput = z.object({ secret: z.string().max(64) });
const conferenceInput = z.object({ conferenceId: z.string().trim().min(1).max(64) });

export const registrationRouter = router({
	/**
	 * A conference's page: dates, venue, categories, whether registration is open, seats left.
	 * A draft only with a valid preview grant for it.
	 */
	conference: publicProcedure
		.input(conferenceInput.extend({ preview: previewGrantInput }))
		.query(async ({ ctx, input }) =>
			publicConference(
				ctx.db,
				input.conferenceId,
				ctx.now(),
				(await checkPreviewGrant(ctx.db, input.preview, ctx.now()))?.conferenceId ?? null
			)
		),

	/**
	 * Registers one person. `already_registered` creates nothing and says nothing about the
	 * earlier registration: the person is pointed to "find my ticket".
	 */
	register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
		if (!ctx.limits.register.take(ctx.source)) {
			throw new AppError(
				'TOO_MANY_REQUESTS',
				'too_many_attempts',
				'too many registrations from this address'
			);
		}
		// Answered only once committed; a busy moment's registrations share that commit. The
		// edition's seats are counted and taken under its lock, so no two take the last one.
		const outcome = await ctx.writes.run(
			(tx) => register(tx, input, ctx.now(), { queueMail: ctx.mail.enabled }),
			{ locks: [capacityLock(input.conferenceId), ...input.sessions.map(sessionSeatLock)] }
		);
		// After the commit: the confirmation never holds up, nor can undo, the registration.
		if (outcome.outcome === 'registered') ctx.mail.kick();
		return outcome;
	}),

	/** The ticket behind a secret; null when there is none. */
	ticket: publicProcedure
		.input(secretInput)
		.query(({ ctx, input }) => ticketBySecret(ctx.db, input.secret, (r) => ticketToken(ctx.db, r))),

	// Sign-ups for the edition's sessions, by the same secret (routers/session-signups.ts).
	...ticketSignupProcedures,

	/** Reference + mobile or email → the ticket's secret; null for any mismatch. */
	findTicket: publicProcedure.input(findTicketInput).mutation(async ({ ctx, input }) => {
		if (!ctx.limits.findTicket.take(ctx.source)) {
			throw new AppError(
				'TOO_MANY_REQUESTS',
				'too_many_attempts',
				'too many look-ups from this address'
			);
		}
		return { secret: await findTicketSecret(ctx.db, input) };
	}),

	/** Cancels the registration behind a secret: the seat is freed and the ticket revoked. */
	cancel: publicProcedure.input(secretInput).mutation(async ({ ctx, input }) => ({
		cancelled: await cancelBySecret(ctx.db, input.secret, ctx.now())
	})),

	/** Public keys to verify a conference's tickets offline. */
	ticketKeys: publicProcedure
		.input(conferenceInput)
		.query(({ ctx, input }) => publicTicketKeys(ctx.db, input.conferenceId)),

	/** Registration numbers whose tickets are void (cancelled or rejected). */
	revocations: publicProcedure.input(conferenceInput).query(async ({ ctx, input }) => ({
		conferenceId: input.conferenceId,
		revoked: await revokedRegistrations(ctx.db, input.conferenceId)
	}))
});
