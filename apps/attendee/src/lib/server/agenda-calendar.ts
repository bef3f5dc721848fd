import type { EventAttributes } from 'ics';
import type { PublicSession } from '@huizhan/api';

/*
 * A session of the agenda as a calendar event: the session's own page offers it as a file, and
 * the ticket's "my agenda" file gathers the sessions a person signed up for from the same
 * conversion, so both read alike.
 */

export interface SessionCalendarConference {
	id: string;
	nameZh: string;
	nameEn: string;
	venueZh: string;
	venueEn: string;
}

type Locale = 'zh-CN' | 'en';

const pick = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh);

/**
 * The event of one session in `locale`: its start and end as instants (UTC in the file, so
 * every calendar shows them in its own zone), the hall at the venue, the speakers in the
 * description, and `url` (the session's public page) when given. The uid is the session's, so
 * importing the file again updates the event instead of adding one.
 */
export function sessionEvent(
	session: Pick<
		PublicSession,
		'id' | 'titleZh' | 'titleEn' | 'hallZh' | 'hallEn' | 'descriptionZh' | 'descriptionEn'
	> & {
		/** An instant: a Date as the services give it, or its ISO text as the public agenda does. */
		startsAt: Date | string;
		endsAt: Date | string;
		speakers: readonly Pick<
			PublicSession['speakers'][number],
			'nameZh' | 'nameEn' | 'titleZh' | 'titleEn' | 'organisationZh' | 'organisationEn'
		>[];
	},
	conference: SessionCalendarConference,
	locale: Locale,
	url?: string
): EventAttributes {
	const speakers = session.speakers
		.map((s) =>
			[
				pick(locale, s.nameZh, s.nameEn),
				pick(locale, s.titleZh, s.titleEn),
				pick(locale, s.organisationZh, s.organisationEn)
			]
				.filter(Boolean)
				.join(locale === 'en' ? ', ' : '，')
		)
		.join('\n');
	const description = [pick(locale, session.descriptionZh, session.descriptionEn), speakers]
		.filter(Boolean)
		.join('\n\n');
	return {
		uid: `session-${session.id}@huizhan`,
		productId: 'huizhan/attendee',
		start: new Date(session.startsAt).getTime(),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: new Date(session.endsAt).getTime(),
		endInputType: 'utc',
		endOutputType: 'utc',
		title: `${pick(locale, session.titleZh, session.titleEn)} · ${pick(locale, conference.nameZh, conference.nameEn)}`,
		location: `${pick(locale, session.hallZh, session.hallEn)}, ${pick(locale, conference.venueZh, conference.venueEn)}`,
		...(description ? { description } : {}),
		...(url ? { url } : {}),
		status: 'CONFIRMED',
		busyStatus: 'BUSY'
	};
}

/**
 * The sessions a ticket holder signed up for, for the ticket's calendar file: each as its own
 * session's event (the same uid, so the file and a session page's file update one event), linking
 * to the ticket, and crossed out when the registration no longer holds a seat.
 */
export function chosenSessionEvents(
	sessions: readonly Parameters<typeof sessionEvent>[0][],
	conference: SessionCalendarConference,
	locale: Locale,
	ticket: { seated: boolean; ticketUrl: string }
): EventAttributes[] {
	return sessions.map((session) => ({
		...sessionEvent(session, conference, locale, ticket.ticketUrl),
		status: ticket.seated ? 'CONFIRMED' : 'CANCELLED'
	}));
}
