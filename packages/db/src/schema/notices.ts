import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { AttendeeCategory } from '@huizhan/ledger/checkin';
import { createdAt } from './columns.ts';
import { conferences } from './conferences.ts';
import { staffUsers } from './staff.ts';

/** Who a notice goes to, within one edition. Empty lists mean “all”. */
export interface NoticeAudience {
	categories: AttendeeCategory[];
	delegationIds: number[];
	/** `yes`: only those checked in at least once; `no`: only those never checked in. */
	checkedIn: 'yes' | 'no' | 'any';
}

/**
 * A notice (通知) an admin sent to a selection of one edition's confirmed registrants: the
 * record of what was said to whom. One outbox message per recipient and channel is queued in
 * the same transaction; `requestId` is the form's one-time key, so pressing send twice sends once.
 */
export const notices = sqliteTable(
	'notices',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id),
		audience: text({ mode: 'json' }).$type<NoticeAudience>().notNull(),
		/** Short, as it goes out by SMS; the mail carries the same text. */
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
