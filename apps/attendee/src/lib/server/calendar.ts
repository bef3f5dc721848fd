import { createEvents, type DateArray, type EventAttributes, type EventStatus } from 'ics';
import type { RegistrationStatus } from '@huizhan/ledger/checkin';

export interface TicketEvent {
	/** The registration's reference: the event's identity, so importing it again updates it. */
	reference: string;
	status: RegistrationStatus;
	/** The conference's name in the attendee's language. */
	title: string;
	venue: string;
	/** First and last day of the conference, `YYYY-MM-DD`, both included. */
	startsOn: string;
	endsOn: string;
	description: string;
	ticketUrl: string;
}

const dateArray = (isoDate: string): DateArray => {
	const [y, m, d] = isoDate.split('-').map(Number);
	return [y ?? 0, m ?? 0, d ?? 0];
};

/** iCalendar's all-day events end on the day after the last (DTEND is exclusive, RFC 5545). */
const dayAfter = (isoDate: string): DateArray => {
	const [y, m, d] = dateArray(isoDate);
	const next = new Date(Date.UTC(y, m - 1, d + 1));
	return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
};

/**
 * A ticket's conference as a calendar event: all day over the conference's dates, at its venue.
 * A cancelled or refused registration gives the same event marked cancelled, so a calendar that
 * imported it before crosses it out rather than keeping a stale entry. `more` are further events
 * of the same file (the ticket's chosen sessions).
 */
export function ticketCalendar(event: TicketEvent, more: EventAttributes[] = []): string {
	const status: EventStatus =
		event.status === 'confirmed'
			? 'CONFIRMED'
			: event.status === 'pending' || event.status === 'pending_vetting'
				? 'TENTATIVE'
				: 'CANCELLED';
	const { error, value } = createEvents([
		{
			uid: `${event.reference.toLowerCase()}@huizhan`,
			productId: 'huizhan/attendee',
			start: dateArray(event.startsOn),
			end: dayAfter(event.endsOn),
			title: event.title,
			location: event.venue,
			description: event.description,
			url: event.ticketUrl,
			status,
			busyStatus: 'BUSY'
		},
		...more
	]);
	if (error || !value) throw error ?? new Error('no calendar produced');
	return value;
}
