import { endSession } from '../auth/sessions.ts';
import { signIn } from '../auth/sign-in.ts';
import { ALL_STAFF } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../services/audit.ts';
import { signInInput } from '../schemas/staff.ts';
import { publicProcedure, router, staffProcedure } from '../trpc.ts';

/**
 * One sign-in attempt per HTTP request. A tRPC batch would put fifty guesses in one request,
 * all in flight before the first is answered; refusing it keeps each guess a request of its own
 * that the per-address limits and the proxy's logs see. `batchIndex` also catches a batch from a
 * context built without `batched`: every call after the first is refused there.
 */
const oneAttemptPerRequest = publicProcedure.use(({ ctx, batchIndex, next }) => {
	if (ctx.batched || batchIndex > 0) {
		throw new AppError(
			'BAD_REQUEST',
			'batch_refused',
			'auth.signIn cannot be batched: send each attempt in a request of its own'
		);
	}
	return next();
});

export const authRouter = router({
	/**
	 * Checks a login name and password. On success the answer carries a new session token for
	 * the `hz_session` cookie; on failure only a reason code (`invalid`, `throttled`, `locked`).
	 */
	signIn: oneAttemptPerRequest
		.input(signInInput)
		.mutation(({ ctx, input }) => signIn(ctx.db, { ...input, source: ctx.source, now: ctx.now() })),

	/** Ends this session on the server: its cookie is useless from now on. */
	signOut: staffProcedure(ALL_STAFF).mutation(async ({ ctx }) => {
		if (ctx.sessionToken) await endSession(ctx.db, ctx.sessionToken);
		await recordAudit(
			ctx.db,
			{ actor: ctx.user, source: ctx.source, action: 'sign_out' },
			ctx.now()
		);
		return { ok: true as const };
	}),

	/** Who is signed in. */
	me: staffProcedure(ALL_STAFF).query(({ ctx }) => ctx.user)
});
