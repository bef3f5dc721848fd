import { z } from 'zod';
import type { Context } from '../context.ts';
import {
	agendaOfInput,
	sessionDeleteInput,
	sessionIdInput,
	sessionInput,
	sessionUpdateInput,
	setSpeakersInput
} from '../schemas/agenda.ts';
import {
	createSession,
	getSession,
	deleteSession,
	listSessions,
	setSpeakers,
	updateSession
} from '../services/agenda-sessions.ts';
import { publicAgenda, publicAgendaSession } from '../services/agenda-sessions-public.ts';
import { checkPreviewGrant } from '../services/preview-grants.ts';
import { publicProcedure, router, staffProcedure } from '../trpc.ts';
import { previewGrantInput } from './conferences.ts';

const admin = staffProcedure(['admin']);

/** 议程: an edition's sessions and their speakers, set up by admins in the console. */
export const agendaRouter = router({
	/** An edition's sessions in time order, with speakers, sign-ups and the gates of each. */
	list: admin
		.input(agendaOfInput)
		.query(({ ctx, input }) => listSessions(ctx.db, input.conferenceId)),
	/** One session with its speakers, sign-ups and gates, for its edit page. */
	get: admin.input(sessionIdInput).query(({ ctx, input }) => getSession(ctx.db, input.id)),
	create: admin
		.input(sessionInput)
		.mutation(({ ctx, input }) =>
			createSession(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	update: admin
		.input(sessionUpdateInput)
		.mutation(({ ctx, input }) =>
			updateSession(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	/** Refused while a gate belongs to the session; sign-ups go only when their number is confirmed. */
	delete: admin
		.input(sessionDeleteInput)
		.mutation(({ ctx, input }) =>
			deleteSession(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	/** Replaces the session's speakers with the list given, in its order. */
	setSpeakers: admin
		.input(setSpeakersInput)
		.mutation(({ ctx, input }) =>
			setSpeakers(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		)
});

const publicAgendaInput = z.object({
	conferenceId: z.string().trim().min(1).max(64),
	preview: previewGrantInput
});

const previewOf = async (ctx: Context, preview: string | undefined) =>
	(await checkPreviewGrant(ctx.db, preview, ctx.now()))?.conferenceId ?? null;

/** The attendee site's agenda: a public edition's sessions, as its page shows them. */
export const publicAgendaRouter = router({
	/** A public edition's sessions in time order, with speakers and seats left. */
	sessions: publicProcedure
		.input(publicAgendaInput)
		.query(async ({ ctx, input }) =>
			publicAgenda(ctx.db, input.conferenceId, await previewOf(ctx, input.preview))
		),
	/** One session of a public edition. */
	session: publicProcedure
		.input(publicAgendaInput.extend({ sessionId: z.coerce.number().int().positive() }))
		.query(async ({ ctx, input }) =>
			publicAgendaSession(
				ctx.db,
				input.conferenceId,
				input.sessionId,
				await previewOf(ctx, input.preview)
			)
		)
});
