import { expect, test } from 'vitest';
import fc from 'fast-check';
import { verifyChain } from './chain.ts';
import type { DealEventType } from './deals.ts';
import { foldLedger, LedgerError } from './fold.ts';
import { arbitraryHistory, historyOf, sampleFacts } from './testing.ts';

test('generated histories are valid chains of events the ledger accepts', () => {
	fc.assert(
		fc.property(arbitraryHistory({ maxSteps: 60 }), (entries) => {
			expect(verifyChain(entries).ok).toBe(true);
			expect(foldLedger(entries).headSeq).toBe(entries.length);
		})
	);
});

test('generated histories exercise every kind of event, and increases at other events', () => {
	const seen = new Set<DealEventType | 'increase elsewhere'>();
	for (const entries of fc.sample(arbitraryHistory({ maxSteps: 60 }), { numRuns: 50, seed: 7 })) {
		const state = foldLedger(entries);
		for (const { event, dealId } of entries) {
			seen.add(event.type);
			if (
				event.type === 'increased' &&
				event.signingEvent !== state.deals.get(dealId)?.facts.signingEvent
			)
				seen.add('increase elsewhere');
		}
	}
	expect([...seen].sort()).toEqual(
		[
			'advanced',
			'amended',
			'increase elsewhere',
			'increased',
			'signed',
			'upgraded',
			'voided'
		].sort()
	);
});

test('follows the given recordedAt and recordedBy scheme', () => {
	const options = {
		recordedAt: (i: number) => new Date(Date.UTC(2024, 9, 1) + i * 1000).toISOString(),
		recordedBy: (i: number) => `staff-${i % 2}`
	};
	fc.assert(
		fc.property(arbitraryHistory(options), (entries) => {
			entries.forEach((entry, i) => {
				expect([entry.recordedAt, entry.recordedBy]).toEqual([
					options.recordedAt(i),
					options.recordedBy(i)
				]);
			});
		})
	);
});

test('historyOf refuses a step the ledger would refuse, naming its seq', () => {
	expect(() =>
		historyOf([
			{ dealId: 'd1', event: { type: 'signed', facts: sampleFacts() } },
			{ dealId: 'd1', event: { type: 'upgraded', on: '2024-10-01' } }
		])
	).toThrow(new LedgerError('not_upgradable', 2, 'd1: upgraded'));
});
