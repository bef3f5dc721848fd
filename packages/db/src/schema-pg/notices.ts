import { sql } from 'drizzle-orm';
import { check, integer, json, pgTable, text } from 'drizzle-orm/pg-core';
import type { NoticeAudience } from '../schema/notices.ts';
import { createdAt } from './columns.ts';
import { conferences } from './conferences.ts';
import { staffUsers } from './staff.ts';

export type { NoticeAudience } from '../schema/notices.ts';

/** A notice (通知) to a selection of one edition's registrants; see the SQLite schema. */
export const notices = pgTable(
	'notices',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id),
		audience: json().$type<NoticeAudience>().notNull(),
		bodyZh: text().notNull(),
		bodyEn: text().notNull(),
		recipientCount: integer().notNull(),
		requestId: text().notNull().unique(),
		createdBy: integer()
			.notNull()
			.references(() => staffUsers.id),
		createdAt: createdAt()
	},
	(t) => [check('notices_recipient_count', sql`${t.recipientCount} >= 0`)]
);
