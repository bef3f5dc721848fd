import { expect, test } from 'vitest';
import { breaksCeiling, LEDGER_CEILING_YUAN } from './ceiling.ts';
import { MAX_DEAL_YUAN } from './money.ts';

const delta = (contract: number, framework = 0, intent = 0) => ({ contract, framework, intent });

test('the ceiling is a stated number well below where sums stop being exact', () => {
	expect(LEDGER_CEILING_YUAN).toBe(10 ** 15);
	expect(LEDGER_CEILING_YUAN * 8).toBeLessThan(Number.MAX_SAFE_INTEGER);
});

test('an entry may bring the total up to the ceiling but not one 元 past it', () => {
	expect(breaksCeiling(LEDGER_CEILING_YUAN - MAX_DEAL_YUAN, delta(MAX_DEAL_YUAN))).toBe(false);
	expect(breaksCeiling(LEDGER_CEILING_YUAN - MAX_DEAL_YUAN, delta(MAX_DEAL_YUAN + 1))).toBe(true);
});

test('every bucket counts towards the ceiling', () => {
	expect(breaksCeiling(LEDGER_CEILING_YUAN - 2, delta(1, 1, 1))).toBe(true);
	expect(breaksCeiling(LEDGER_CEILING_YUAN - 3, delta(1, 1, 1))).toBe(false);
});

test('a ledger already past the ceiling can still be lowered, and moving between buckets is allowed', () => {
	expect(breaksCeiling(LEDGER_CEILING_YUAN + 5, delta(-5))).toBe(false);
	expect(breaksCeiling(LEDGER_CEILING_YUAN + 5, delta(7, -7))).toBe(false);
	expect(breaksCeiling(LEDGER_CEILING_YUAN + 5, delta(1))).toBe(true);
});
