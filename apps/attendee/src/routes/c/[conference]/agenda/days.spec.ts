import { expect, test } from 'vitest';
import { agendaDayLabel } from './days.ts';

test('a day heading names the weekday in either language', () => {
	expect(agendaDayLabel('2027-11-03', 'zh-CN')).toBe('11月3日 星期三');
	expect(agendaDayLabel('2027-11-03', 'en')).toBe('Wednesday 3 November');
});
