import { describe, expect, test } from 'vitest';
import { checkEvent } from './check.ts';
import type { DealEvent, DealFacts } from './deals.ts';
import { foldLedger } from './fold.ts';
import { MAX_DEAL_YUAN, YI } from './money.ts';
import { emptyLedger } from './state.ts';
import { historyOf, sampleFacts } from './testing.ts';

const signed = (facts: Partial<DealFacts> = {}): DealEvent => ({
	type: 'signed',
	facts: sampleFacts(facts)
});

const ledgerWith = (...events: DealEvent[]) =>
	foldLedger(historyOf(events.map((event) => ({ dealId: 'd1', event }))));

describe('signing', () => {
	test('accepts a complete deal under a new id', () => {
		expect(checkEvent(emptyLedger(), 'd1', signed())).toBeNull();
	});

	test('refuses signing the same deal twice', () => {
		expect(checkEvent(ledgerWith(signed()), 'd1', signed())).toEqual({ reason: 'deal_exists' });
	});

	test('refuses blank names, unknown kinds and ids that are not ids', () => {
		const cases: [Partial<DealFacts>, string][] = [
			[{ projectName: '  ' }, 'projectName'],
			[{ investor: '' }, 'investor'],
			[{ investorOrigin: 'mars' as never }, 'investorOrigin'],
			[{ agreementType: 'handshake' as never }, 'agreementType'],
			[{ chainId: -1 }, 'chainId'],
			[{ unitId: 1.5 }, 'unitId'],
			[{ signingEvent: ' wsc-2024' }, 'signingEvent'],
			[{ foreignCurrency: 'USD' }, 'foreignCurrency'],
			[{ foreignCurrency: 'usd', foreignAmount: 1, exchangeRate: '7.1' }, 'foreignCurrency'],
			[{ foreignCurrency: 'USD', foreignAmount: 1, exchangeRate: '0.00' }, 'exchangeRate']
		];
		for (const [facts, field] of cases)
			expect(checkEvent(emptyLedger(), 'd1', signed(facts)), field).toEqual({
				reason: 'invalid_facts',
				field
			});
	});

	test('refuses fields a deal does not have', () => {
		const facts = { ...sampleFacts(), colour: 'red' } as DealFacts;
		expect(checkEvent(emptyLedger(), 'd1', { type: 'signed', facts })).toEqual({
			reason: 'invalid_facts',
			field: 'colour'
		});
	});

	test('accepts a foreign-currency agreement with currency, amount and rate together', () => {
		const facts = { foreignCurrency: 'USD', foreignAmount: 140_000_000, exchangeRate: '7.1234' };
		expect(checkEvent(emptyLedger(), 'd1', signed(facts))).toBeNull();
	});

	test('refuses dates that do not exist and amounts out of range', () => {
		expect(checkEvent(emptyLedger(), 'd1', signed({ signedOn: '2024-02-30' }))).toEqual({
			reason: 'invalid_date',
			field: 'signedOn'
		});
		for (const totalInvestment of [0, -YI, 1.5, MAX_DEAL_YUAN + 1])
			expect(checkEvent(emptyLedger(), 'd1', signed({ totalInvestment }))).toEqual({
				reason: 'invalid_amount',
				field: 'totalInvestment'
			});
		expect(checkEvent(emptyLedger(), 'd1', signed({ totalInvestment: MAX_DEAL_YUAN }))).toBeNull();
	});
});

describe('events on an existing deal', () => {
	test('refuse a deal that was never signed', () => {
		expect(checkEvent(emptyLedger(), 'd9', { type: 'voided', reason: '重复' })).toEqual({
			reason: 'deal_not_found'
		});
	});

	test('refuse any event on a voided deal', () => {
		const state = ledgerWith(signed({ agreementType: 'framework' }), {
			type: 'voided',
			reason: '重复录入'
		});
		const events: DealEvent[] = [
			{ type: 'amended', changes: { notes: 'x' }, reason: '更正' },
			{ type: 'upgraded', on: '2024-10-01' },
			{ type: 'increased', amount: YI, signingEvent: 'everyday', signedOn: '2024-10-01', note: '' },
			{ type: 'advanced', stage: 'landed', on: '2024-10-01' },
			{ type: 'voided', reason: '再次作废' }
		];
		for (const event of events)
			expect(checkEvent(state, 'd1', event), event.type).toEqual({ reason: 'deal_voided' });
	});

	test('an amendment and a void need a reason', () => {
		const state = ledgerWith(signed());
		expect(
			checkEvent(state, 'd1', { type: 'amended', changes: { notes: 'x' }, reason: ' ' })
		).toEqual({ reason: 'reason_required', field: 'reason' });
		expect(checkEvent(state, 'd1', { type: 'voided', reason: '' })).toEqual({
			reason: 'reason_required',
			field: 'reason'
		});
	});

	test('an amendment must change something', () => {
		const state = ledgerWith(signed());
		const amend = (changes: Partial<DealFacts>) =>
			checkEvent(state, 'd1', { type: 'amended', changes, reason: '更正' });
		expect(amend({})).toEqual({ reason: 'nothing_changed' });
		expect(amend({ investor: sampleFacts().investor, notes: undefined })).toEqual({
			reason: 'nothing_changed'
		});
		expect(amend({ investor: sampleFacts().investor, notes: '更正备注' })).toBeNull();
	});

	test('an amendment is checked like the facts it leaves behind', () => {
		const state = ledgerWith(signed());
		const amend = (changes: Partial<DealFacts>) =>
			checkEvent(state, 'd1', { type: 'amended', changes, reason: '更正' });
		expect(amend({ totalInvestment: 0 })).toEqual({
			reason: 'invalid_amount',
			field: 'totalInvestment'
		});
		expect(amend({ exchangeRate: '7.1' })).toEqual({
			reason: 'invalid_facts',
			field: 'foreignCurrency'
		});
		expect(amend({ id: 'd2' } as Partial<DealFacts>)).toEqual({
			reason: 'invalid_facts',
			field: 'id'
		});
	});

	test('an amendment may correct a contract back to a framework agreement', () => {
		const state = ledgerWith(signed());
		expect(
			checkEvent(state, 'd1', {
				type: 'amended',
				changes: { agreementType: 'framework' },
				reason: '实为框架协议'
			})
		).toBeNull();
	});

	test('only a framework or intent agreement can be upgraded', () => {
		expect(checkEvent(ledgerWith(signed()), 'd1', { type: 'upgraded', on: '2024-10-01' })).toEqual({
			reason: 'not_upgradable'
		});
		const intent = ledgerWith(signed({ agreementType: 'intent' }));
		expect(checkEvent(intent, 'd1', { type: 'upgraded', on: '2024-10-01' })).toBeNull();
		expect(checkEvent(intent, 'd1', { type: 'upgraded', on: '2024-10-32' })).toEqual({
			reason: 'invalid_date',
			field: 'on'
		});
	});

	test('an increase is new money within the range of one deal', () => {
		const state = ledgerWith(signed());
		const increase = (amount: number) =>
			checkEvent(state, 'd1', {
				type: 'increased',
				amount,
				signingEvent: 'everyday',
				signedOn: '2024-11-01',
				note: ''
			});
		expect(increase(0)).toEqual({ reason: 'invalid_amount', field: 'amount' });
		expect(increase(-YI)).toEqual({ reason: 'invalid_amount', field: 'amount' });
		expect(increase(MAX_DEAL_YUAN + 1)).toEqual({ reason: 'invalid_amount', field: 'amount' });
		expect(increase(MAX_DEAL_YUAN)).toBeNull();
	});

	test('a deal only moves forward through its stages, and may skip one', () => {
		const state = ledgerWith(signed(), { type: 'advanced', stage: 'started', on: '2024-12-01' });
		const advance = (stage: 'landed' | 'started' | 'in_production') =>
			checkEvent(state, 'd1', { type: 'advanced', stage, on: '2024-12-20' });
		expect(advance('landed')).toEqual({ reason: 'stage_backwards', field: 'stage' });
		expect(advance('started')).toEqual({ reason: 'stage_backwards', field: 'stage' });
		expect(advance('in_production')).toBeNull();
	});
});
