import { expect, test } from 'vitest';
import { sessionHours, sessionPlace, sessionTime } from './session-label.ts';

test('a session reads as its title and hall, at its Beijing hours', () => {
	const forum = {
		titleZh: '分论坛三',
		titleEn: 'Sub-forum 3',
		hallZh: '307会议室',
		hallEn: 'Room 307',
		startsAt: '2024-11-03T06:00:00.000Z',
		endsAt: '2024-11-03T09:30:00.000Z'
	};
	expect(sessionPlace(forum, (zh) => zh)).toBe('分论坛三 · 307会议室');
	expect(sessionPlace(forum, (_zh, en) => en)).toBe('Sub-forum 3 · Room 307');
	expect(sessionTime(forum)).toBe('11-03 14:00–17:30');
	expect(sessionHours(forum)).toBe('14:00–17:30');
	expect(sessionTime({ ...forum, endsAt: '2024-11-03T17:00:00.000Z' })).toBe(
		'11-03 14:00–11-04 01:00'
	);
});
