import { expect, test } from 'vitest';
import { homeOrder, homeState } from './home-state.ts';

const edition = (
	registrationPhase: 'open' | 'upcoming' | 'closed',
	registrationOpensAt = '2026-08-01T00:00:00.000Z',
	preview = false
) => ({ registrationPhase, registrationOpensAt, preview });

test('says nothing more while an edition takes registrations', () => {
	expect(homeState([edition('closed'), edition('open'), edition('upcoming')])).toEqual({
		kind: 'open'
	});
});

test('without an open window, names the soonest day registration opens', () => {
	expect(
		homeState([
			edition('upcoming', '2026-09-01T00:00:00.000Z'),
			edition('closed'),
			edition('upcoming', '2026-08-15T00:00:00.000Z')
		])
	).toEqual({ kind: 'upcoming', opensAt: '2026-08-15T00:00:00.000Z' });
});

test('with only closed editions listed, says registration is closed', () => {
	expect(homeState([edition('closed')])).toEqual({ kind: 'closed' });
});

test('with nothing listed at all, has its own calm state rather than an empty page', () => {
	expect(homeState([])).toEqual({ kind: 'nothing' });
});

test('a draft seen in preview neither opens nor announces anything to the public', () => {
	expect(homeState([edition('upcoming', '2026-08-01T00:00:00.000Z', true)])).toEqual({
		kind: 'nothing'
	});
	expect(
		homeState([edition('closed', '2026-08-01T00:00:00.000Z', true), edition('closed')])
	).toEqual({ kind: 'closed' });
});

test('lists editions taking registrations first, then upcoming ones, and history last, each by date', () => {
	const listed = [
		{ id: 'wsc-2024', registrationPhase: 'closed' as const, startsOn: '2024-11-03' },
		{ id: 'diamond-2024', registrationPhase: 'closed' as const, startsOn: '2024-09-26' },
		{ id: 'wsc-2027', registrationPhase: 'open' as const, startsOn: '2027-11-03' },
		{ id: 'forum-2027', registrationPhase: 'upcoming' as const, startsOn: '2027-05-01' },
		{ id: 'diamond-2027', registrationPhase: 'open' as const, startsOn: '2027-09-26' }
	];
	expect(homeOrder(listed).map((c) => c.id)).toEqual([
		'diamond-2027',
		'wsc-2027',
		'forum-2027',
		'diamond-2024',
		'wsc-2024'
	]);
});
