import { z } from 'zod';
import { schema } from '@huizhan/db';
import { editionId } from './editions.ts';
import { optionalText, text } from './text.ts';

/*
 * The console's session form, its speakers editor and the tRPC procedures share these schemas.
 * Messages are stable codes the console translates and shows beside each field. A session is
 * entered as a day and two clock times in Beijing time (as the printed programme reads); it is
 * stored as two instants.
 */

const longText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: 'too_long' })
		.nullish()
		.transform((v) => v ?? '');

const isoDate = z
	.string({ error: 'required' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format' })
	.refine((v) => new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v, {
		error: 'date_format'
	});

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `09:30`: a clock time of the day, 24-hour. */
const clockTime = z.string({ error: 'required' }).trim().regex(CLOCK, { error: 'time_format' });

/** The moment a Beijing wall-clock time is (UTC+8 all year, no daylight saving). */
export const beijingInstant = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

const sessionId = z.coerce.number({ error: 'required' }).int().positive();

/** A session's own settings, as the form sends them (day and clock times in Beijing). */
const sessionFieldsObject = z.object({
	kind: z.enum(schema.SESSION_KINDS, { error: 'session_kind_unknown' }),
	titleZh: text(120),
	titleEn: text(200),
	trackZh: optionalText(60),
	trackEn: optionalText(100),
	day: isoDate,
	startTime: clockTime,
	endTime: clockTime,
	hallZh: text(60),
	hallEn: text(100),
	/** Seats; null (or an empty field) means the room takes whoever may come. */
	capacity: z
		.union([z.literal('').transform(() => null), z.null(), z.undefined(), z.coerce.number()])
		.pipe(
			z
				.number({ error: 'session_capacity_invalid' })
				.int({ error: 'session_capacity_invalid' })
				.min(1, { error: 'session_capacity_invalid' })
				.max(100_000, { error: 'session_capacity_invalid' })
				.nullish()
				.transform((v) => v ?? null)
		),
	/** Null: every ticket holder of the edition; otherwise at least one category. */
	allowedCategories: z
		.array(z.enum(schema.ATTENDEE_CATEGORIES, { error: 'category_unknown' }))
		.min(1, { error: 'session_categories_required' })
		.nullable()
		.transform((list) =>
			list === null ? null : schema.ATTENDEE_CATEGORIES.filter((c) => list.includes(c))
		),
	signupRequired: z.boolean().default(false),
	language: z.enum(schema.SESSION_LANGUAGES, { error: 'session_language_unknown' }),
	descriptionZh: longText(4000),
	descriptionEn: longText(8000)
});

type SessionFields = z.output<typeof sessionFieldsObject>;

/** A session ends after it starts, on the same day: the time rule reports on the end time. */
function checkTimes(input: Partial<SessionFields>, ctx: z.core.$RefinementCtx) {
	// Zod runs this also when a field failed its own check: compare well-formed times only.
	const times = [input.startTime, input.endTime];
	if (times.every((t) => typeof t === 'string' && CLOCK.test(t)) && times[1]! <= times[0]!) {
		ctx.addIssue({ code: 'custom', message: 'session_time_order', path: ['endTime'] });
	}
}

/** The instants a form's day and times name. */
export const sessionSlot = (input: Pick<SessionFields, 'day' | 'startTime' | 'endTime'>) => ({
	startsAt: beijingInstant(input.day, input.startTime),
	endsAt: beijingInstant(input.day, input.endTime)
});

export const sessionInput = sessionFieldsObject
	.extend({ conferenceId: editionId })
	.superRefine(checkTimes);
export type SessionInput = z.output<typeof sessionInput>;

export const sessionUpdateInput = sessionFieldsObject
	.extend({ id: sessionId })
	.superRefine(checkTimes);
export type SessionUpdateInput = z.output<typeof sessionUpdateInput>;

export const agendaOfInput = z.object({ conferenceId: editionId });
export const sessionIdInput = z.object({ id: sessionId });

export const sessionDeleteInput = z.object({
	id: sessionId,
	/**
	 * The number of sign-ups the admin saw and agrees to cancel with the session. A session with
	 * sign-ups is deleted only when this equals their number now: a sign-up made after the admin
	 * looked refuses the delete rather than vanishing unseen.
	 */
	confirmSignups: z.coerce.number().int().min(0).optional()
});

export const speakerInput = z.object({
	nameZh: text(60),
	nameEn: text(120),
	titleZh: longText(120),
	titleEn: longText(200),
	organisationZh: longText(120),
	organisationEn: longText(200)
});
export type SpeakerInput = z.output<typeof speakerInput>;

/** A session's whole speaker list, in order: adding, editing, removing and reordering at once. */
export const setSpeakersInput = z.object({
	sessionId,
	speakers: z.array(speakerInput).max(40, { error: 'speakers_too_many' })
});
export type SetSpeakersInput = z.output<typeof setSpeakersInput>;

/**
 * A session as an edition file carries it: its fields with the day, and its speakers. The day
 * moves with the edition when it is imported or copied.
 */
export const sessionSettings = sessionFieldsObject
	.extend({ speakers: z.array(speakerInput).max(40).default([]) })
	.superRefine(checkTimes);
export type SessionSettings = z.output<typeof sessionSettings>;
