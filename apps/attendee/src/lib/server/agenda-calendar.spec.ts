import { createEvent } from 'ics';
import { expect, test } from 'vitest';
import { chosenSessionEvents, sessionEvent } from './agenda-calendar.ts';

const session = {
	id: 7,
	titleZh: '智能传感器分论坛',
	titleEn: 'Smart Sensors Forum',
	startsAt: '2027-11-03T01:30:00.000Z',
	endsAt: '2027-11-03T04:00:00.000Z',
	hallZh: '307会议室',
	hallEn: 'Room 307',
	descriptionZh: '传感器产业的新进展。',
	descriptionEn: 'What is new in sensors.',
	speakers: [
		{
			nameZh: '张三',
			nameEn: 'Zhang San',
			titleZh: '教授',
			titleEn: 'Professor',
			organisationZh: '郑州大学',
			organisationEn: 'Zhengzhou University'
		}
	]
};
const conference = {
	id: 'wsc-2027',
	nameZh: '2027世界传感器大会',
	nameEn: '2027 World Sensors Summit',
	venueZh: '郑州国际会展中心',
	venueEn: 'Zhengzhou International Convention and Exhibition Centre'
};

test('a session is an event at its instants (09:30–12:00 Beijing is 01:30–04:00 UTC) in its hall', () => {
	const { error, value: folded } = createEvent(
		sessionEvent(session, conference, 'en', 'https://example.org/c/wsc-2027/agenda/7')
	);
	expect(error).toBeFalsy();
	// Long lines are folded (RFC 5545 §3.1): read them unfolded.
	const value = folded?.replace(/\r\n[ \t]/g, '');
	expect(value).toContain('DTSTART:20271103T013000Z');
	expect(value).toContain('DTEND:20271103T040000Z');
	expect(value).toContain('UID:session-7@huizhan');
	expect(value).toContain('SUMMARY:Smart Sensors Forum · 2027 World Sensors Summit');
	expect(value).toContain('LOCATION:Room 307\\, Zhengzhou International');
	expect(value).toContain('Zhang San\\, Professor\\, Zhengzhou University');
});

test('in Chinese the title, hall and speakers are the Chinese ones', () => {
	const event = sessionEvent(session, conference, 'zh-CN');
	expect(event.title).toBe('智能传感器分论坛 · 2027世界传感器大会');
	expect(event.location).toBe('307会议室, 郑州国际会展中心');
	expect(event.description).toBe('传感器产业的新进展。\n\n张三，教授，郑州大学');
	expect(event).not.toHaveProperty('url');
});

test("the ticket's calendar carries each chosen session as its own session's event, crossed out without a seat", () => {
	const ticket = { ticketUrl: 'https://example.cn/ticket/abc' };
	const chosen = {
		...session,
		startsAt: new Date(session.startsAt),
		endsAt: new Date(session.endsAt)
	};
	const [seated] = chosenSessionEvents([chosen], conference, 'zh-CN', { ...ticket, seated: true });
	expect(seated).toMatchObject({
		uid: 'session-7@huizhan',
		start: Date.parse('2027-11-03T01:30:00.000Z'),
		end: Date.parse('2027-11-03T04:00:00.000Z'),
		location: '307会议室, 郑州国际会展中心',
		url: ticket.ticketUrl,
		status: 'CONFIRMED'
	});
	const lines = createEvent(seated!)
		.value!.replace(/\r\n[ \t]/g, '')
		.split('\r\n');
	expect(lines).toContain('DTSTART:20271103T013000Z');
	const [gone] = chosenSessionEvents([chosen], conference, 'zh-CN', { ...ticket, seated: false });
	expect(gone?.status).toBe('CANCELLED');
});
