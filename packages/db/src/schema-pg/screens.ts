import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, timestamp } from './columns.ts';
import { staffUsers } from './staff.ts';

/**
 * Read-only links to the venue's big screen (`/screen/<token>`), until an admin revokes one.
 * Only the SHA-256 of the token is stored, as with staff sessions.
 */
export const screenLinks = pgTable(
	'screen_links',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
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
