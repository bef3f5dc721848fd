import { expect, test } from 'vitest';
import { agendaDays, agendaTracks } from './agenda.ts';

const s = (day: string, trackZh: string | null, id: number) => ({
	id,
	day,
	trackZh,
	trackEn: trackZh && `${trackZh}-en`
});

test('groups sessions by day in the order given, and lists each track once', () => {
	const sessions = [
		s('2027-11-03', null, 1),
		s('2027-11-03', '智能制造', 2),
		s('2027-11-04', '智能制造', 3),
		s('2027-11-04', '汽车电子', 4)
	];
	expect(agendaDays(sessions).map((d) => [d.day, d.sessions.map((x) => x.id)])).toEqual([
		['2027-11-03', [1, 2]],
		['2027-11-04', [3, 4]]
	]);
	expect(agendaTracks(sessions)).toEqual([
		{ zh: '智能制造', en: '智能制造-en' },
		{ zh: '汽车电子', en: '汽车电子-en' }
	]);
	expect(agendaDays([])).toEqual([]);
});
