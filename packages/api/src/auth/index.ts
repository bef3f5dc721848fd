export { hashPassword, passwordProblem, PASSWORD_MIN_LENGTH } from './passwords.ts';
export type { PasswordProblem } from './passwords.ts';
export { ALL_STAFF, hasAnyRole, STAFF_ROLES } from './roles.ts';
export type { StaffRole, StaffUser } from './roles.ts';
export {
	endSession,
	purgeExpiredSessions,
	resolveSession,
	SESSION_ABSOLUTE_MS,
	SESSION_IDLE_MS
} from './sessions.ts';
export { hashToken } from './tokens.ts';
