import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, timestamp } from './columns.ts';
import { staffUsers } from './staff.ts';

/**
 * Read-only links to the venue's big screen (`/screen/<token>`): whoever holds one sees the live
 * figures without signing in, until an admin revokes it. Only the SHA-256 of the token is
 * stored, as with staff sessions, so a copy of the database opens no screen.
 */
export const screenLinks = sqliteTable(
	'screen_links',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		/** Hex SHA-256 of the link's token. */
		tokenHash: text().notNull().unique(),
		/** What the admin called it, e.g. `主会场大屏`. */
		label: text().notNull(),
		createdAt: createdAt(),
		createdBy: integer()
			.notNull()
			.references(() => staffUsers.id),
		revokedAt: timestamp(),
		revokedBy: integer().references(() => staffUsers.id)
	},
	(t) => [index('screen_links_revoked').on(t.revokedAt)]
);
