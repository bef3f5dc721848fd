import { endSession } from '../auth/sessions.ts';
import { signIn } from '../auth/sign-in.ts';
import { ALL_STAFF } from '../auth/roles.ts';
import { recordAudit } from '../services/audit.ts';
import { signInInput } from '../schemas/staff.ts';
import { publicProcedure, router, staffProcedure } from '../trpc.ts';

export const authRouter = router({
	/**
	 * Checks a login name and password. On success the answer carries a new session token for
	 * the `hz_session` cookie; on failure only a reason code (`invalid`, `throttled`, `locked`).
	 */
	signIn: publicProcedure
		.input(signInInput)
		.mutation(({ ctx, input }) => signIn(ctx.db, { ...input, source: ctx.source, now: ctx.now() })),

	/** Ends this session on the server: its cookie is useless from now on. */
	signOut: staffProcedure(ALL_STAFF).mutation(({ ctx }) => {
		if (ctx.sessionToken) endSession(ctx.db, ctx.sessionToken);
		recordAudit(ctx.db, { actor: ctx.user, source: ctx.source, action: 'sign_out' }, ctx.now());
		return { ok: true as const };
	}),

	/** Who is signed in. */
	me: staffProcedure(ALL_STAFF).query(({ ctx }) => ctx.user)
});
