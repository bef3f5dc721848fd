import { describe, expect, test } from 'vitest';
import { deletionRefusal, moved } from './rules.ts';

describe('deletionRefusal', () => {
	test('lets a chain or unit nothing ever named be deleted', () => {
		expect(deletionRefusal({ deals: 0, ledgerEntries: 0, targets: 0 })).toBeNull();
	});

	test('refuses to delete one that a deal, a ledger entry or a target names: it is retired instead', () => {
		expect(deletionRefusal({ deals: 1, ledgerEntries: 1, targets: 0 })).toBe('in_use');
		expect(deletionRefusal({ deals: 0, ledgerEntries: 2, targets: 0 })).toBe('in_use');
		expect(deletionRefusal({ deals: 0, ledgerEntries: 0, targets: 1 })).toBe('in_use');
	});
});

describe('moved', () => {
	test('moves an item one place up or down', () => {
		expect(moved([1, 2, 3], 2, 'up')).toEqual([2, 1, 3]);
		expect(moved([1, 2, 3], 2, 'down')).toEqual([1, 3, 2]);
	});

	test('leaves the order as it is at either end, or for an unknown item', () => {
		expect(moved([1, 2, 3], 1, 'up')).toEqual([1, 2, 3]);
		expect(moved([1, 2, 3], 3, 'down')).toEqual([1, 2, 3]);
		expect(moved([1, 2, 3], 9, 'up')).toEqual([1, 2, 3]);
	});
});
