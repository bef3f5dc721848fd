import { expect, test } from 'vitest';
import { clockTime, sessionDay, sessionTime } from './session-time.ts';

const at = (text: string) => new Date(`${text}+08:00`);

test('a session reads in Beijing time, whatever the server runs in', () => {
	const session = { startsAt: at('2027-04-20T09:00:00'), endsAt: at('2027-04-20T12:30:00') };
	expect(sessionTime(session, 'zh-CN')).toBe('4月20日 09:00–12:30');
	expect(sessionTime(session, 'en')).toBe('20 April, 09:00–12:30');
	// 07:30 in Beijing is still the day before in UTC: the day is Beijing's.
	expect(sessionDay(at('2027-04-21T07:30:00'))).toBe('2027-04-21');
	expect(clockTime(at('2027-04-21T07:30:00'))).toBe('07:30');
});
