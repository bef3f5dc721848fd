import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { canonicalEntry, hashEntry, sealEntry, verifyChain, type UnsealedEntry } from './chain.ts';
import type { LedgerEntry } from './deals.ts';
import { GENESIS_HASH } from './deals.ts';
import { foldLedger } from './fold.ts';
import { YI } from './money.ts';
import { emptyLedger } from './state.ts';
import { arbitraryHistory, historyOf, sampleFacts } from './testing.ts';

const entry: UnsealedEntry = {
	seq: 1,
	dealId: 'd1',
	event: { type: 'voided', reason: '重复录入' },
	recordedAt: '2024-09-05T02:00:00.000Z',
	recordedBy: 'recorder-li',
	occurredOn: '2024-09-05',
	delta: { intent: 0, framework: 0, contract: -5 * YI },
	prevHash: GENESIS_HASH
};

describe('canonicalEntry', () => {
	test('sorts keys at every depth and leaves no whitespace', () => {
		expect(canonicalEntry(entry)).toBe(
			'{"dealId":"d1","delta":{"contract":-500000000,"framework":0,"intent":0},' +
				'"event":{"reason":"重复录入","type":"voided"},"occurredOn":"2024-09-05",' +
				`"prevHash":"${GENESIS_HASH}","recordedAt":"2024-09-05T02:00:00.000Z",` +
				'"recordedBy":"recorder-li","seq":1}'
		);
	});

	test('is the same whatever order the fields were written in, and ignores undefined fields', () => {
		const reversed = (value: unknown): unknown =>
			value !== null && typeof value === 'object'
				? Object.fromEntries(
						Object.entries(value)
							.reverse()
							.map(([k, v]) => [k, reversed(v)])
					)
				: value;
		const reordered = reversed(entry) as UnsealedEntry;
		expect(Object.keys(reordered)[0]).toBe('prevHash');
		const withUndefined = {
			...entry,
			event: { ...entry.event, note: undefined }
		} as unknown as UnsealedEntry;
		expect(canonicalEntry(reordered)).toBe(canonicalEntry(entry));
		expect(canonicalEntry(withUndefined)).toBe(canonicalEntry(entry));
	});

	test('leaves out the entry’s own hash, so a stored entry hashes as it was sealed', () => {
		const sealed = sealEntry(entry, emptyLedger());
		expect(canonicalEntry(sealed)).toBe(canonicalEntry(entry));
	});

	test('refuses numbers that have more than one written form', () => {
		for (const amount of [0.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])
			expect(() =>
				canonicalEntry({ ...entry, delta: { ...entry.delta, contract: amount } })
			).toThrow(/not a safe integer/);
		const dated = {
			...entry,
			event: { type: 'voided', reason: new Date() }
		} as unknown as UnsealedEntry;
		expect(() => canonicalEntry(dated)).toThrow(/not plain data/);
	});
});

describe('hashEntry and sealEntry', () => {
	test('hash the canonical form with SHA-256, as stored ledgers were hashed', () => {
		// Pinned (and checked against node:crypto once): every stored hash depends on this form.
		expect(hashEntry(entry)).toBe(
			'1bf985b453a35be0225aa3cedd937d4f55d0f4c6357ef5bd89f9e80795a9a5fd'
		);
	});

	test('chain a draft onto the head of the ledger', () => {
		const state = foldLedger(
			historyOf([{ dealId: 'd1', event: { type: 'signed', facts: sampleFacts() } }])
		);
		const { seq: _seq, prevHash: _prevHash, ...draft } = entry;
		const sealed = sealEntry(draft, state);
		expect(sealed).toMatchObject({ seq: 2, prevHash: state.headHash });
		expect(sealed.hash).toBe(hashEntry({ ...draft, seq: 2, prevHash: state.headHash }));
		expect(sealed.hash).toMatch(/^[0-9a-f]{64}$/);
	});
});

type Leaf = { path: string[]; value: unknown };

function leavesOf(value: unknown, path: string[] = []): Leaf[] {
	if (value !== null && typeof value === 'object')
		return Object.entries(value).flatMap(([key, child]) => leavesOf(child, [...path, key]));
	return [{ path, value }];
}

function tamperedValue(value: unknown): unknown {
	if (typeof value === 'number') return value + 1;
	if (typeof value === 'string')
		return value.length === 64
			? `${value.slice(0, 63)}${value[63] === '0' ? '1' : '0'}`
			: `${value}x`;
	if (typeof value === 'boolean') return !value;
	return 'tampered';
}

function withChange(entry: LedgerEntry, { path, value }: Leaf): LedgerEntry {
	const copy = JSON.parse(JSON.stringify(entry)) as Record<string, unknown>;
	let parent = copy;
	for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
	parent[path.at(-1)!] = tamperedValue(value);
	return copy as unknown as LedgerEntry;
}

describe('verifyChain', () => {
	test('accepts every history the ledger writes', () => {
		fc.assert(
			fc.property(arbitraryHistory(), (entries) => {
				expect(verifyChain(entries)).toEqual({
					ok: true,
					count: entries.length,
					headHash: foldLedger(entries).headHash
				});
			})
		);
	});

	test('accepts an empty ledger', () => {
		expect(verifyChain([])).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
	});

	test('changing any field of any entry breaks the chain at exactly that entry', () => {
		const tampering = arbitraryHistory({ minSteps: 1 })
			.filter((entries) => entries.length > 0)
			.chain((entries) =>
				fc
					.nat({ max: entries.length - 1 })
					.chain((index) =>
						fc.constantFrom(...leavesOf(entries[index])).map((leaf) => ({ entries, index, leaf }))
					)
			);
		fc.assert(
			fc.property(tampering, ({ entries, index, leaf }) => {
				const changed = entries.with(index, withChange(entries[index]!, leaf));
				const problem =
					leaf.path[0] === 'seq'
						? 'seq_gap'
						: leaf.path[0] === 'prevHash'
							? 'prev_hash_mismatch'
							: 'hash_mismatch';
				expect(verifyChain(changed)).toEqual({ ok: false, seq: index + 1, problem });
			})
		);
	});

	test('finds an entry removed or two entries swapped', () => {
		const entries = historyOf([
			{ dealId: 'd1', event: { type: 'signed', facts: sampleFacts() } },
			{ dealId: 'd2', event: { type: 'signed', facts: sampleFacts() } },
			{ dealId: 'd1', event: { type: 'voided', reason: '重复录入' } }
		]);
		expect(verifyChain([entries[0]!, entries[2]!])).toEqual({
			ok: false,
			seq: 2,
			problem: 'seq_gap'
		});
		const renumbered = [entries[0]!, { ...entries[2]!, seq: 2 }, { ...entries[1]!, seq: 3 }];
		expect(verifyChain(renumbered)).toEqual({ ok: false, seq: 2, problem: 'prev_hash_mismatch' });
	});
});
