import { expect, test } from 'vitest';
import { verifyChain } from './chain.ts';
import { foldLedger } from './fold.ts';
import { YI } from './money.ts';
import { occurredOnOf, recordEvent } from './record.ts';
import { emptyLedger } from './state.ts';
import { sampleFacts } from './testing.ts';

const stamps = {
	recordedAt: '2024-09-05T02:00:00.000Z',
	recordedBy: 'recorder-li',
	occurredOn: '2024-09-05'
};

test('records an accepted event as a sealed entry with its delta, and the state after it', () => {
	const result = recordEvent(emptyLedger(), {
		dealId: 'd1',
		event: {
			type: 'signed',
			facts: sampleFacts({ agreementType: 'intent', totalInvestment: 8 * YI })
		},
		...stamps
	});
	if (!result.ok) throw new Error(result.reason);
	expect(result.entry).toMatchObject({
		seq: 1,
		delta: { contract: 0, framework: 0, intent: 8 * YI }
	});
	expect(verifyChain([result.entry]).ok).toBe(true);
	expect(result.state).toEqual(foldLedger([result.entry]));
});

test('refuses with the domain reason and leaves nothing to store', () => {
	expect(
		recordEvent(emptyLedger(), {
			dealId: 'd1',
			event: { type: 'voided', reason: '重复' },
			...stamps
		})
	).toEqual({
		ok: false,
		reason: 'deal_not_found'
	});
	expect(
		recordEvent(emptyLedger(), {
			dealId: 'd1',
			event: { type: 'signed', facts: sampleFacts() },
			...stamps,
			occurredOn: '2024-9-5'
		})
	).toEqual({ ok: false, reason: 'invalid_date', field: 'occurredOn' });
});

test('an event’s own date is when it happened; amendments and voids have none', () => {
	expect(occurredOnOf({ type: 'signed', facts: sampleFacts({ signedOn: '2024-05-18' }) })).toBe(
		'2024-05-18'
	);
	expect(occurredOnOf({ type: 'advanced', stage: 'landed', on: '2024-11-11' })).toBe('2024-11-11');
	expect(
		occurredOnOf({
			type: 'increased',
			amount: YI,
			signingEvent: 'everyday',
			signedOn: '2024-12-01',
			note: ''
		})
	).toBe('2024-12-01');
	expect(occurredOnOf({ type: 'voided', reason: '重复' })).toBeNull();
});
