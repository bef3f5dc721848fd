import { sql } from 'drizzle-orm';
import { check, index, integer, json, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { STAFF_ROLES } from '../schema/staff.ts';
import { createdAt, inList, timestamp } from './columns.ts';

export { STAFF_ROLES, type StaffRole } from '../schema/staff.ts';

export const staffUsers = pgTable(
	'staff_users',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		/** Stored lower-case so `Admin` and `admin` are one account. */
		login: text().notNull().unique(),
		displayName: text().notNull(),
		/** An Argon2id PHC string; never a plain password. */
		passwordHash: text().notNull(),
		disabledAt: timestamp(),
		passwordChangedAt: timestamp(),
		createdAt: createdAt()
	},
	(t) => [
		check(
			'staff_users_login',
			sql`${t.login} = lower(${t.login}) AND length(${t.login}) BETWEEN 2 AND 64`
		),
		check('staff_users_password_hash', sql`${t.passwordHash} LIKE '$argon2id$%'`)
	]
);

/** A user may hold several roles (docs/architecture.md, “Staff and access”). */
export const staffUserRoles = pgTable(
	'staff_user_roles',
	{
		userId: integer()
			.notNull()
			.references(() => staffUsers.id, { onDelete: 'cascade' }),
		role: text({ enum: STAFF_ROLES }).notNull()
	},
	(t) => [
		primaryKey({ columns: [t.userId, t.role] }),
		check('staff_user_roles_role', inList('role', STAFF_ROLES))
	]
);

/**
 * Every change made by staff: who, when, from where, what. Append-only by trigger (see the
 * `triggers` migration), so the log cannot be tidied up after the fact. `detail` never holds a
 * password, a token or an attendee's mobile or email.
 */
export const auditLog = pgTable(
	'audit_log',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		at: timestamp().notNull(),
		/** Null for the system itself or an anonymous attempt (e.g. a failed sign-in). */
		actorId: integer().references(() => staffUsers.id),
		/** The login as typed or known at the time, kept even if the account is renamed. */
		actorLabel: text().notNull(),
		/** Client address, or `cli` for the command line. */
		source: text().notNull(),
		action: text().notNull(),
		subjectType: text(),
		subjectId: text(),
		detail: json().$type<Record<string, unknown>>()
	},
	(t) => [index('audit_log_at').on(t.at), index('audit_log_action_at').on(t.action, t.at)]
);
