import { sql } from 'drizzle-orm';
import { boolean, check, integer, json, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { ENTRY_RULES } from '../schema/checkpoints.ts';
import { agendaSessions } from './agenda.ts';
import { createdAt, inList } from './columns.ts';
import { conferences, type AttendeeCategory } from './conferences.ts';

export { ENTRY_RULES, type EntryRule } from '../schema/checkpoints.ts';

/** A gate (闸口) of a conference where door staff scan tickets. */
export const checkpoints = pgTable(
	'checkpoints',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		nameZh: text().notNull(),
		nameEn: text().notNull(),
		/** JSON array of the attendee categories this gate admits. */
		allowedCategories: json().$type<AttendeeCategory[]>().notNull(),
		entryRule: text({ enum: ENTRY_RULES }).notNull(),
		printBadge: boolean().notNull().default(false),
		/**
		 * The session this gate is the door of (分论坛三 · 307会议室): its scans follow the session's
		 * rule — who may attend, sign-up only, capacity — on top of the gate's categories.
		 */
		sessionId: integer().references(() => agendaSessions.id),
		active: boolean().notNull().default(true),
		createdAt: createdAt()
	},
	(t) => [
		unique('checkpoints_name_once').on(t.conferenceId, t.nameZh),
		check('checkpoints_entry_rule', inList('entry_rule', ENTRY_RULES)),
		check('checkpoints_allowed_categories', sql`json_typeof(${t.allowedCategories}) = 'array'`)
	]
);
