import { expect, test } from 'vitest';
import {
	agendaDayLabel,
	formatBeijingDateTime,
	formatBeijingDay,
	formatDateRange
} from './dates.ts';

test('writes a range within one month the way each language does', () => {
	expect(formatDateRange('2024-11-03', '2024-11-05', 'zh-CN')).toBe('2024年11月3日至5日');
	expect(formatDateRange('2024-11-03', '2024-11-05', 'en')).toBe('3–5 November 2024');
});

test('names the second month or year only when it changes', () => {
	expect(formatDateRange('2024-09-29', '2024-10-02', 'zh-CN')).toBe('2024年9月29日至10月2日');
	expect(formatDateRange('2024-09-29', '2024-10-02', 'en')).toBe('29 September – 2 October 2024');
	expect(formatDateRange('2024-12-31', '2025-01-02', 'zh-CN')).toBe('2024年12月31日至2025年1月2日');
	expect(formatDateRange('2024-12-31', '2025-01-02', 'en')).toBe(
		'31 December 2024 – 2 January 2025'
	);
});

test('a one-day event is a single date', () => {
	expect(formatDateRange('2024-11-03', '2024-11-03', 'zh-CN')).toBe('2024年11月3日');
	expect(formatDateRange('2024-11-03', '2024-11-03', 'en')).toBe('3 November 2024');
});

test('a moment is written in Beijing time, whatever the zone it was stored in', () => {
	expect(formatBeijingDateTime('2024-11-05T10:00:00.000Z', 'zh-CN')).toBe('2024年11月5日 18:00');
	expect(formatBeijingDateTime('2024-11-05T10:00:00.000Z', 'en')).toBe('5 November 2024, 18:00');
	// 20:30 UTC on the 31st is already the next day, and the next year, in Beijing.
	expect(formatBeijingDateTime('2024-12-31T20:30:00.000Z', 'zh-CN')).toBe('2025年1月1日 04:30');
});

test('the day something opens is the Beijing day, without the year', () => {
	expect(formatBeijingDay('2026-08-01T00:00:00+08:00', 'zh-CN')).toBe('8月1日');
	expect(formatBeijingDay('2026-08-01T00:00:00+08:00', 'en')).toBe('1 August');
	// 16:30 UTC on 31 July is already 1 August in Beijing.
	expect(formatBeijingDay('2026-07-31T16:30:00.000Z', 'zh-CN')).toBe('8月1日');
});

test('a day heading of the agenda names the weekday in either language', () => {
	expect(agendaDayLabel('2027-11-03', 'zh-CN')).toBe('11月3日 星期三');
	expect(agendaDayLabel('2027-11-03', 'en')).toBe('Wednesday 3 November');
});
