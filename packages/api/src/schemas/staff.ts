import { z } from 'zod';
import { schema } from '@huizhan/db';
import { AUDIT_ACTIONS } from '../services/audit.ts';
import { PASSWORD_MAX_LENGTH } from '../auth/passwords.ts';

/*
 * One schema per command, shared by the tRPC procedure and the SvelteKit form action.
 * Error messages are stable codes; each app turns them into words in the reader's language.
 */

const login = z
	.string({ error: 'required' })
	.trim()
	.toLowerCase()
	.min(2, { error: 'login_format' })
	.max(64, { error: 'login_format' })
	.regex(/^[a-z0-9][a-z0-9._-]*$/, { error: 'login_format' });

const password = z
	.string({ error: 'required' })
	.min(1, { error: 'required' })
	.max(PASSWORD_MAX_LENGTH, { error: 'password_too_long' });

const roles = z
	.array(z.enum(schema.STAFF_ROLES, { error: 'role_unknown' }), { error: 'roles_required' })
	.min(1, { error: 'roles_required' })
	.transform((list) => [...new Set(list)].sort());

const userId = z.coerce.number({ error: 'required' }).int().positive();

export const signInInput = z.object({
	// Not `login` above: a sign-in with a malformed name must fail like any wrong name, with the
	// same generic message and the same time spent, not with a format error that confirms nothing
	// but still differs.
	login: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(200),
	password
});

export const createUserInput = z.object({
	login,
	displayName: z
		.string({ error: 'required' })
		.trim()
		.min(1, { error: 'required' })
		.max(64, { error: 'too_long' }),
	password,
	roles
});

export const setRolesInput = z.object({ userId, roles });
export const setDisabledInput = z.object({ userId, disabled: z.boolean() });
export const resetPasswordInput = z.object({ userId, password });

export const changePasswordInput = z
	.object({
		currentPassword: password,
		newPassword: password,
		confirmPassword: z.string({ error: 'required' })
	})
	.refine((v) => v.newPassword === v.confirmPassword, {
		error: 'password_mismatch',
		path: ['confirmPassword']
	});

export const auditListInput = z.object({
	action: z.enum(AUDIT_ACTIONS).optional(),
	actor: z.string().trim().max(64).optional(),
	from: z.coerce.date().optional(),
	to: z.coerce.date().optional(),
	page: z.coerce.number().int().min(1).max(100_000).default(1),
	pageSize: z.coerce.number().int().min(1).max(200).default(50)
});
