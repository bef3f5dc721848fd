import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import type { Context } from './context.ts';
import { AppError } from './errors.ts';
import type { StaffRole, StaffUser } from './auth/roles.ts';
import type { ScannerIdentity } from './services/checkin.ts';

/**
 * Every procedure declares who may call it: `'public'`, or the staff roles allowed. A test walks
 * both routers and fails on any procedure without a declaration (docs/architecture.md, “Staff and access”).
 */
export interface Meta {
	access: 'public' | readonly StaffRole[];
	/** Also open to scanner devices (bearer token), within their scope (issue #6). */
	devices?: boolean;
}

/** Each invalid field's codes keyed by its dotted path (`facts.signedOn`). */
function fieldErrorsByPath(error: z.ZodError): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	for (const issue of error.issues) (errors[issue.path.join('.')] ??= []).push(issue.message);
	return errors;
}

const t = initTRPC
	.context<Context>()
	.meta<Meta>()
	.create({
		// Never send stack traces to clients, whatever NODE_ENV says: they name files and lines.
		isDev: false,
		errorFormatter({ shape, error }) {
			const cause = error.cause;
			return {
				...shape,
				data: {
					...shape.data,
					// A stable code the app translates (AppError), and field-by-field codes for bad
					// input, so forms can show each message beside its field.
					reason: error instanceof AppError ? error.reason : null,
					fieldErrors:
						error.code === 'BAD_REQUEST' && cause instanceof z.ZodError
							? fieldErrorsByPath(cause)
							: null
				}
			};
		}
	});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Open to anyone: the attendee site's procedures, and signing in. */
export const publicProcedure = t.procedure.meta({ access: 'public' });

/** Signed-in staff holding at least one of `roles`; `ctx.user` is then never null. */
export function staffProcedure(roles: readonly StaffRole[]) {
	if (roles.length === 0) throw new Error('staffProcedure needs at least one role');
	return t.procedure.meta({ access: roles }).use(({ ctx, next }) => {
		if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
		const user = ctx.user;
		if (!roles.some((role) => user.roles.includes(role))) {
			throw new TRPCError({
				code: 'FORBIDDEN',
				message: `needs one of the roles: ${roles.join(', ')}`
			});
		}
		return next({ ctx: { ...ctx, user } });
	});
}

/**
 * Staff holding one of `roles`, or a scanner device with a valid bearer token (PDAs and
 * turnstiles). Exactly one of `ctx.user` and `ctx.device` is then set; the procedure checks the
 * device's scope.
 */
export function scannerProcedure(roles: readonly StaffRole[]) {
	if (roles.length === 0) throw new Error('scannerProcedure needs at least one role');
	return t.procedure.meta({ access: roles, devices: true }).use(({ ctx, next }) => {
		const user = ctx.user;
		type Caller = { user: StaffUser | null; device: ScannerIdentity | null };
		if (user && roles.some((role) => user.roles.includes(role))) {
			return next({ ctx: { ...ctx, user, device: null } as typeof ctx & Caller });
		}
		if (!user && ctx.device) {
			return next({ ctx: { ...ctx, user: null, device: ctx.device } as typeof ctx & Caller });
		}
		if (!user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'sign in first' });
		throw new TRPCError({
			code: 'FORBIDDEN',
			message: `needs one of the roles: ${roles.join(', ')}`
		});
	});
}
