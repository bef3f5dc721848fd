import { ALL_STAFF } from '../auth/roles.ts';
import {
	changePasswordInput,
	createUserInput,
	resetPasswordInput,
	setDisabledInput,
	setRolesInput
} from '../schemas/staff.ts';
import {
	changeOwnPassword,
	createUser,
	listUsers,
	resetPassword,
	setDisabled,
	setRoles
} from '../services/users.ts';
import { router, staffProcedure } from '../trpc.ts';
import type { Context } from '../context.ts';

const adminOnly = staffProcedure(['admin']);
const actorOf = (ctx: Context) => ({ user: ctx.user, source: ctx.source, now: ctx.now() });

export const usersRouter = router({
	list: adminOnly.query(({ ctx }) => listUsers(ctx.db)),
	create: adminOnly
		.input(createUserInput)
		.mutation(({ ctx, input }) => createUser(ctx.db, input, actorOf(ctx))),
	setRoles: adminOnly.input(setRolesInput).mutation(async ({ ctx, input }) => {
		await setRoles(ctx.db, input.userId, input.roles, actorOf(ctx));
		return { ok: true as const };
	}),
	setDisabled: adminOnly.input(setDisabledInput).mutation(async ({ ctx, input }) => {
		await setDisabled(ctx.db, input.userId, input.disabled, actorOf(ctx));
		return { ok: true as const };
	}),
	resetPassword: adminOnly.input(resetPasswordInput).mutation(async ({ ctx, input }) => {
		await resetPassword(ctx.db, input.userId, input.password, actorOf(ctx));
		return { ok: true as const };
	})
});

export const accountRouter = router({
	/** Every staff member changes their own password; their other sessions end. */
	changePassword: staffProcedure(ALL_STAFF)
		.input(changePasswordInput)
		.mutation(async ({ ctx, input }) => {
			await changeOwnPassword(ctx.db, ctx.user, input, {
				...actorOf(ctx),
				sessionToken: ctx.sessionToken
			});
			return { ok: true as const };
		})
});
