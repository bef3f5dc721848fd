import { expect, test } from 'vitest';
import { ticketCalendar } from '../../../lib/server/calendar.ts';
import { sessionEvents } from './session-events.ts';

const properties = (ics: string) =>
	ics
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.filter(Boolean);

const ticket = {
	reference: 'WSC-7K3Q9M',
	status: 'confirmed' as const,
	title: '2027世界传感器大会',
	venue: '郑州国际会展中心',
	startsOn: '2027-04-20',
	endsOn: '2027-04-22',
	description: '报名编号：WSC-7K3Q9M',
	ticketUrl: 'https://example.cn/ticket/abc'
};
const forum = {
	id: 7,
	title: '分论坛三',
	hall: '307会议室',
	startsAt: new Date('2027-04-20T09:00:00+08:00'),
	endsAt: new Date('2027-04-20T12:00:00+08:00')
};

test('the ticket calendar carries each chosen session as a timed event in UTC', () => {
	const events = sessionEvents([forum], { ...ticket, seated: true }, (s) => s.hall);
	const lines = properties(ticketCalendar(ticket, events));
	expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
	expect(lines).toContain('SUMMARY:分论坛三');
	expect(lines).toContain('LOCATION:307会议室');
	expect(lines).toContain('DTSTART:20270420T010000Z');
	expect(lines).toContain('DTEND:20270420T040000Z');
	expect(lines).toContain('UID:wsc-7k3q9m-session-7@huizhan');
});

test('a registration that no longer holds a seat crosses its sessions out', () => {
	const [event] = sessionEvents([forum], { ...ticket, seated: false }, (s) => s.hall);
	expect(event?.status).toBe('CANCELLED');
});
