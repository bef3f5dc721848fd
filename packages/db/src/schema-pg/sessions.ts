import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, timestamp } from './columns.ts';
import { staffUsers } from './staff.ts';

/**
 * Signed-in staff sessions. The cookie holds a random token; only its SHA-256 is stored, so a
 * copy of the database (a backup, a dump) signs nobody in.
 */
export const staffSessions = pgTable(
	'staff_sessions',
	{
		/** Hex SHA-256 of the session token. */
		tokenHash: text().primaryKey(),
		userId: integer()
			.notNull()
			.references(() => staffUsers.id, { onDelete: 'cascade' }),
		createdAt: createdAt(),
		/** Bumped as the session is used; the idle expiry counts from here. */
		lastSeenAt: timestamp().notNull(),
		/** The absolute expiry, however active the session. */
		expiresAt: timestamp().notNull(),
		/** Where it signed in from, for the audit trail and the user's own review. */
		source: text().notNull()
	},
	(t) => [index('staff_sessions_user').on(t.userId)]
);

/**
 * Failed sign-ins per login name and per client address, kept in the database so a lock
 * survives a restart of the app (a restart must not be a way to reset the count).
 */
export const signInThrottle = pgTable('sign_in_throttle', {
	/** `login:<name>` or `source:<address>`. */
	key: text().primaryKey(),
	failures: integer().notNull(),
	firstFailureAt: timestamp().notNull(),
	lastFailureAt: timestamp().notNull(),
	/** No attempt is checked before this moment (a growing delay, then a lock). */
	blockedUntil: timestamp()
});
