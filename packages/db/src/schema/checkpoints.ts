import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { ENTRY_RULES } from '@huizhan/ledger/checkin';
import { agendaSessions } from './agenda.ts';
import { createdAt, inList } from './columns.ts';
import { conferences, type AttendeeCategory } from './conferences.ts';

export { ENTRY_RULES, type EntryRule } from '@huizhan/ledger/checkin';

/** A gate (闸口) of a conference where door staff scan tickets. */
export const checkpoints = sqliteTable(
	'checkpoints',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		nameZh: text().notNull(),
		nameEn: text().notNull(),
		/** JSON array of the attendee categories this gate admits. */
		allowedCategories: text({ mode: 'json' }).$type<AttendeeCategory[]>().notNull(),
		entryRule: text({ enum: ENTRY_RULES }).notNull(),
		printBadge: integer({ mode: 'boolean' }).notNull().default(false),
		/**
		 * The session this gate is the door of (分论坛三 · 307会议室): its scans follow the session's
		 * rule — who may attend, sign-up only, capacity — on top of the gate's categories.
		 */
		sessionId: integer().references(() => agendaSessions.id),
		active: integer({ mode: 'boolean' }).notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [
		unique('checkpoints_name_once').on(t.conferenceId, t.nameZh),
		check('checkpoints_entry_rule', inList('entry_rule', ENTRY_RULES)),
		check(
			'checkpoints_allowed_categories',
			sql`json_valid(${t.allowedCategories}) AND json_type(${t.allowedCategories}) = 'array'`
		)
	]
);
