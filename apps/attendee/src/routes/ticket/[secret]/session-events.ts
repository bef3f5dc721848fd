import type { EventAttributes } from 'ics';

/*
 * The ticket's chosen sessions as calendar events, carried in the ticket's calendar file beside
 * the conference. Written here for the ticket alone; the public agenda's session files convert
 * sessions too (`$lib/server/agenda-calendar.ts`), and the two are to be joined.
 */

export interface ChosenSession {
	id: number;
	title: string;
	hall: string;
	startsAt: Date;
	endsAt: Date;
}

/**
 * One timed event per session, in UTC (calendars show it in the phone's zone). The uid joins the
 * registration's reference and the session, so importing the file again updates rather than
 * doubles; a registration no longer holding a seat marks its sessions cancelled.
 */
export function sessionEvents(
	sessions: readonly ChosenSession[],
	ticket: { reference: string; seated: boolean; ticketUrl: string },
	description: (session: ChosenSession) => string
): EventAttributes[] {
	return sessions.map((session) => ({
		uid: `${ticket.reference.toLowerCase()}-session-${session.id}@huizhan`,
		productId: 'huizhan/attendee',
		start: session.startsAt.getTime(),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: session.endsAt.getTime(),
		endInputType: 'utc',
		endOutputType: 'utc',
		title: session.title,
		location: session.hall,
		description: description(session),
		url: ticket.ticketUrl,
		status: ticket.seated ? 'CONFIRMED' : 'CANCELLED',
		busyStatus: 'BUSY'
	}));
}
