import { describe, expect, it } from 'vitest';
import {
	creditCodeCheckCharacter,
	creditCodeProblem,
	isCreditCode,
	normaliseCreditCode,
	passAdmitsOn,
	passQuota
} from './exhibition.ts';

describe('the unified social credit code (统一社会信用代码)', () => {
	// A code published as an example of a registered company; its check character is 3.
	const valid = '91350100M000100Y43';

	it('accepts a code whose check character matches', () => {
		expect(creditCodeProblem(valid)).toBeNull();
		expect(isCreditCode(valid)).toBe(true);
	});

	it('refuses a code with one character changed, by its check character', () => {
		expect(creditCodeProblem('91350100M000100Y44')).toBe('check_digit');
		expect(creditCodeProblem('91350100M000101Y43')).toBe('check_digit');
	});

	it('names the shape problem before the check', () => {
		expect(creditCodeProblem('91350100M000100Y4')).toBe('length');
		expect(creditCodeProblem('91350100M000100Y433')).toBe('length');
		// I, O, S, V and Z are not in the alphabet (they read as 1, 0, 5, U and 2).
		expect(creditCodeProblem('91350100M000100I43')).toBe('characters');
		expect(creditCodeProblem('91350100m000100Y43')).toBe('characters');
		expect(creditCodeProblem('91A50100M000100Y43')).toBe('division');
	});

	it('normalises what people type: spaces, dashes, full-width and lower case', () => {
		expect(normaliseCreditCode(' 9135 0100-m000 100y43 ')).toBe(valid);
		expect(normaliseCreditCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe(valid);
	});

	it('completes seventeen characters with the check character that makes them valid', () => {
		expect(creditCodeCheckCharacter(valid.slice(0, 17))).toBe('3');
		for (const first17 of ['91410100MA40000001', '91410100MA9X8W7K6']) {
			const head = first17.slice(0, 17);
			expect(isCreditCode(head + creditCodeCheckCharacter(head))).toBe(true);
		}
	});
});

describe('the pass quota from the booth area', () => {
	const rule = { squareMetresPer: 3, minimum: 2 };

	it('gives one pass per so many square metres, rounded down', () => {
		expect(passQuota(18, rule)).toBe(6);
		expect(passQuota(20, rule)).toBe(6);
		expect(passQuota(36, rule)).toBe(12);
	});

	it('never gives fewer than the minimum to an exhibitor holding a booth', () => {
		expect(passQuota(3, rule)).toBe(2);
		expect(passQuota(1, rule)).toBe(2);
	});

	it('gives nothing without a booth', () => {
		expect(passQuota(0, rule)).toBe(0);
	});
});

describe('which days a pass admits on', () => {
	const setup = { startsOn: '2027-09-14', endsOn: '2027-09-15' };

	it('admits a set-up pass on the set-up days only, both ends included', () => {
		expect(passAdmitsOn('setup', '2027-09-13', setup)).toBe(false);
		expect(passAdmitsOn('setup', '2027-09-14', setup)).toBe(true);
		expect(passAdmitsOn('setup', '2027-09-15', setup)).toBe(true);
		expect(passAdmitsOn('setup', '2027-09-16', setup)).toBe(false);
	});

	it('admits a set-up pass on no day when the edition has no set-up days', () => {
		expect(passAdmitsOn('setup', '2027-09-14', null)).toBe(false);
	});

	it('admits a staff badge on any day (the gate decides the rest)', () => {
		expect(passAdmitsOn('staff', '2027-09-13', setup)).toBe(true);
		expect(passAdmitsOn('staff', '2027-09-20', null)).toBe(true);
	});
});
