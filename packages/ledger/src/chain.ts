import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { LedgerEntry } from './deals.ts';
import { GENESIS_HASH } from './deals.ts';
import type { LedgerState } from './state.ts';

export type UnsealedEntry = Omit<LedgerEntry, 'hash'>;
export type EntryDraft = Omit<LedgerEntry, 'hash' | 'prevHash' | 'seq'>;

function canonicalValue(value: unknown, path: string): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return JSON.stringify(value);
		case 'number':
			// Only integers: a float's decimal form differs between writers, an integer's does not.
			if (!Number.isSafeInteger(value))
				throw new TypeError(`canonicalEntry: ${path} is not a safe integer: ${value}`);
			return JSON.stringify(value);
		case 'object': {
			if (Array.isArray(value))
				return `[${value.map((item, index) => canonicalValue(item, `${path}[${index}]`)).join(',')}]`;
			const prototype: unknown = Object.getPrototypeOf(value);
			// A Date or a Map has no own keys and would hash as `{}` whatever it holds.
			if (prototype !== Object.prototype && prototype !== null)
				throw new TypeError(`canonicalEntry: ${path} is not plain data`);
			const fields = Object.keys(value)
				.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
				.sort()
				.map(
					(key) =>
						`${JSON.stringify(key)}:${canonicalValue((value as Record<string, unknown>)[key], `${path}.${key}`)}`
				);
			return `{${fields.join(',')}}`;
		}
		default:
			throw new TypeError(`canonicalEntry: ${path} cannot be hashed: ${typeof value}`);
	}
}

/**
 * The one text an entry hashes as: JSON with keys sorted at every depth, no whitespace, fields
 * holding `undefined` left out (as storage drops them) and integers only. A field named `hash`
 * at the top is left out too, so a stored entry can be passed as it is.
 */
export function canonicalEntry(entry: UnsealedEntry): string {
	const { hash: _hash, ...hashed } = entry as UnsealedEntry & { hash?: string };
	return canonicalValue(hashed, 'entry');
}

/** Hex SHA-256 of the entry's canonical form in UTF-8. */
export const hashEntry = (entry: UnsealedEntry): string =>
	bytesToHex(sha256(utf8ToBytes(canonicalEntry(entry))));

/** Chains a draft onto the ledger's head: the next seq, the head's hash, its own hash. */
export function sealEntry(draft: EntryDraft, state: LedgerState): LedgerEntry {
	const unsealed: UnsealedEntry = { ...draft, seq: state.headSeq + 1, prevHash: state.headHash };
	return { ...unsealed, hash: hashEntry(unsealed) };
}

export type ChainVerdict =
	| { ok: true; count: number; headHash: string }
	| { ok: false; seq: number; problem: 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch' };

/**
 * Proves the entries are the ledger as written, from its first entry: seq 1, 2, 3, … each
 * holding the hash of the one before and its own correct hash. Names the first entry that is
 * not; `seq` is the position where that entry should be, so a rewritten seq is found too.
 */
export function verifyChain(entries: Iterable<LedgerEntry>): ChainVerdict {
	let expectedSeq = 1;
	let previousHash = GENESIS_HASH;
	for (const entry of entries) {
		if (entry.seq !== expectedSeq) return { ok: false, seq: expectedSeq, problem: 'seq_gap' };
		if (entry.prevHash !== previousHash)
			return { ok: false, seq: expectedSeq, problem: 'prev_hash_mismatch' };
		let hash: string;
		try {
			hash = hashEntry(entry);
		} catch {
			return { ok: false, seq: expectedSeq, problem: 'hash_mismatch' };
		}
		if (hash !== entry.hash) return { ok: false, seq: expectedSeq, problem: 'hash_mismatch' };
		previousHash = entry.hash;
		expectedSeq += 1;
	}
	return { ok: true, count: expectedSeq - 1, headHash: previousHash };
}
