import { expect, test } from 'vitest';
import { ticketCalendar, type TicketEvent } from './calendar.ts';

const ticket: TicketEvent = {
	reference: 'WSC-7K3Q9M',
	status: 'confirmed',
	title: '2024世界传感器大会',
	venue: '郑州国际会展中心',
	startsOn: '2024-11-03',
	endsOn: '2024-11-05',
	description: '报名编号：WSC-7K3Q9M\n门票：https://example.cn/ticket/abc',
	ticketUrl: 'https://example.cn/ticket/abc'
};

/** The calendar's properties, with folded lines joined back (RFC 5545 §3.1). */
const properties = (ics: string) =>
	ics
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.filter(Boolean);

test('an all-day event over the conference days, ending the day after the last', () => {
	const lines = properties(ticketCalendar(ticket));
	expect(lines[0]).toBe('BEGIN:VCALENDAR');
	expect(lines).toContain('DTSTART;VALUE=DATE:20241103');
	expect(lines).toContain('DTEND;VALUE=DATE:20241106');
	expect(lines).toContain('SUMMARY:2024世界传感器大会');
	expect(lines).toContain('LOCATION:郑州国际会展中心');
	expect(lines).toContain('STATUS:CONFIRMED');
});

test('the last day of a month or year ends on the first of the next', () => {
	const lines = properties(
		ticketCalendar({ ...ticket, startsOn: '2024-12-30', endsOn: '2024-12-31' })
	);
	expect(lines).toContain('DTEND;VALUE=DATE:20250101');
});

test('the description carries the reference and the ticket address, with its line break escaped', () => {
	const lines = properties(ticketCalendar(ticket));
	expect(lines).toContain('DESCRIPTION:报名编号：WSC-7K3Q9M\\n门票：https://example.cn/ticket/abc');
	expect(lines).toContain('URL:https://example.cn/ticket/abc');
});

test('the same registration is the same event, so importing it again updates it', () => {
	const uid = (ics: string) => properties(ics).find((l) => l.startsWith('UID:'));
	expect(uid(ticketCalendar(ticket))).toBe('UID:wsc-7k3q9m@huizhan');
	expect(uid(ticketCalendar({ ...ticket, status: 'cancelled' }))).toBe('UID:wsc-7k3q9m@huizhan');
});

test('a registration awaiting approval is tentative; a cancelled one is cancelled', () => {
	expect(properties(ticketCalendar({ ...ticket, status: 'pending' }))).toContain(
		'STATUS:TENTATIVE'
	);
	expect(properties(ticketCalendar({ ...ticket, status: 'rejected' }))).toContain(
		'STATUS:CANCELLED'
	);
});
