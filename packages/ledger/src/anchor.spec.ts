import { expect, test } from 'vitest';
import { findAnchor, headText, parseHeadAnchor } from './anchor.ts';
import { sealEntry } from './chain.ts';
import { emptyLedger } from './state.ts';
import type { LedgerEntry } from './deals.ts';

const hash = 'ab'.repeat(32);

test('a head reads back from the form it is shown in, and from how people copy it', () => {
	expect(headText({ seq: 42, hash })).toBe(`42:${hash}`);
	expect(parseHeadAnchor(`42:${hash}`)).toEqual({ seq: 42, hashPrefix: hash });
	expect(parseHeadAnchor(` #42 ${hash.toUpperCase()} `)).toEqual({ seq: 42, hashPrefix: hash });
	expect(parseHeadAnchor(hash.slice(0, 16))).toEqual({ seq: null, hashPrefix: hash.slice(0, 16) });
});

test('a head too short to be safe, too long or not hex is not a head', () => {
	for (const text of ['', hash.slice(0, 15), `${hash}a`, `42:${hash.slice(0, 10)}`, 'g'.repeat(64)])
		expect(parseHeadAnchor(text), text).toBeNull();
});

test('a written-down head is found only where it was: same hash, and same seq when one was given', () => {
	let state = emptyLedger();
	const entries: LedgerEntry[] = [];
	for (const reason of ['一', '二', '三']) {
		const entry = sealEntry(
			{
				dealId: 'D000001',
				event: { type: 'voided', reason },
				recordedAt: '2024-11-03T02:00:00.000Z',
				recordedBy: 'lina',
				occurredOn: '2024-11-03',
				delta: { contract: 0, framework: 0, intent: 0 }
			},
			state
		);
		entries.push(entry);
		state = { ...state, headSeq: entry.seq, headHash: entry.hash };
	}
	const second = entries[1]!;
	expect(findAnchor(entries, { seq: 2, hashPrefix: second.hash })).toBe(second);
	expect(findAnchor(entries, { seq: null, hashPrefix: second.hash.slice(0, 16) })).toBe(second);
	expect(findAnchor(entries, { seq: 3, hashPrefix: second.hash })).toBeUndefined();
	expect(findAnchor(entries, { seq: null, hashPrefix: 'f'.repeat(64) })).toBeUndefined();
});
