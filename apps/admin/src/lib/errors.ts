import { m } from '$lib/paraglide/messages';

/** The words for each refusal code the API returns (AppError reasons and zod field codes). */
const TEXT: Record<string, () => string> = {
	required: m.error_required,
	login_format: m.error_login_format,
	too_long: m.error_too_long,
	roles_required: m.error_roles_required,
	role_unknown: m.error_role_unknown,
	password_mismatch: m.error_password_mismatch,
	password_too_short: m.error_password_too_short,
	password_too_long: m.error_password_too_long,
	password_too_common: m.error_password_too_common,
	password_contains_login: m.error_password_contains_login,
	password_unchanged: m.error_password_unchanged,
	wrong_current_password: m.error_wrong_current_password,
	login_taken: m.error_login_taken,
	last_admin: m.error_last_admin,
	cannot_disable_self: m.error_cannot_disable_self,
	user_not_found: m.error_user_not_found
};

/** A code in the reader's language; an unknown code still gets a sentence, never a raw code. */
export const errorText = (code: string): string => (TEXT[code] ?? m.error_unexpected)();
