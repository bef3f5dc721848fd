import type { LedgerEntry } from './deals.ts';

/*
 * Anchoring the ledger. The hash chain proves no entry was changed without rehashing every entry
 * after it, but someone who can write the database file can drop the append-only triggers and
 * rehash everything. What they cannot do is make a new chain pass through a hash written down
 * earlier (on an export, a report, a screenshot of the console): each hash covers every entry
 * before it. So a head kept outside the database, later found still in the chain, proves the
 * ledger up to it is the one that was seen.
 */

/** The last entry: its sequence number and hash. `seq` 0 is the empty ledger. */
export interface LedgerHead {
	seq: number;
	hash: string;
}

/** `1234:3fa4…` (all 64 hex digits): how a head is shown and how `--head` accepts it. */
export const headText = (head: LedgerHead): string => `${head.seq}:${head.hash}`;

/**
 * Fewer hex digits than this could be matched by a forged chain found by brute force (2^64
 * SHA-256 computations is beyond reach; 2^48 is not).
 */
export const MIN_ANCHOR_DIGITS = 16;

export interface HeadAnchor {
	/** The sequence number written down with the hash, when it was. */
	seq: number | null;
	/** The hash or its first digits, lower case. */
	hashPrefix: string;
}

/**
 * A head as someone wrote it down: `<seq>:<hash>`, `#<seq> <hash>` or the hash alone, whole or
 * its first 16+ digits, in any case. Null when it is not one.
 */
export function parseHeadAnchor(text: string): HeadAnchor | null {
	const match = /^\s*(?:#?(\d+)\s*[:\s]\s*)?([0-9a-f]+)\s*$/iu.exec(text);
	if (!match) return null;
	const hashPrefix = match[2]!.toLowerCase();
	if (hashPrefix.length < MIN_ANCHOR_DIGITS || hashPrefix.length > 64) return null;
	return { seq: match[1] === undefined ? null : Number(match[1]), hashPrefix };
}

/**
 * The entry a written-down head names, if it is still in the chain (and at the same sequence
 * number, when one was written down). Only meaningful on entries `verifyChain` accepted.
 */
export function findAnchor(
	entries: Iterable<LedgerEntry>,
	anchor: HeadAnchor
): LedgerEntry | undefined {
	for (const entry of entries) {
		if (anchor.seq !== null && entry.seq !== anchor.seq) continue;
		if (entry.hash.startsWith(anchor.hashPrefix)) return entry;
	}
	return undefined;
}
