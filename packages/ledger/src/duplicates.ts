import type { LedgerState, DealState } from './state.ts';

/*
 * Trailing legal forms, longest first within each script, stripped repeatedly so that
 * `某某集团有限公司` and `某某集团` meet at `某某`. English forms must stand as words: stripping
 * `co` inside `costco` would merge unrelated names.
 */
const CHINESE_FORMS = /(股份有限公司|有限责任公司|有限公司|股份公司|集团|公司)$/u;
const ENGLISH_FORMS =
	/(?:^|\s)(company|co|corporation|corp|incorporated|inc|limited|ltd|llc|plc|gmbh|group)$/u;

/** Punctuation and symbols, full-width ones included once NFKC has folded them. */
const PUNCTUATION = /[\p{P}\p{S}]/gu;

/**
 * An investor's name reduced to what identifies the company: NFKC (full-width to half-width),
 * lower case, punctuation gone, trailing legal forms (有限公司, 集团, Co., Ltd., Inc., …) gone,
 * spaces gone. `郑州某某传感科技股份有限公司 ` and `郑州某某传感科技有限公司` become equal.
 */
export function normaliseInvestor(name: string): string {
	let words = name
		.normalize('NFKC')
		.toLowerCase()
		.replace(PUNCTUATION, ' ')
		.replace(/\s+/gu, ' ')
		.trim();
	for (;;) {
		const stripped = words.replace(CHINESE_FORMS, '').replace(ENGLISH_FORMS, '').trim();
		// A name that is nothing but a legal form keeps it, rather than matching every other.
		if (stripped === words || stripped === '') break;
		words = stripped;
	}
	return words.replace(/\s+/gu, '');
}

/** A project name for comparison: NFKC, lower case, no spaces or punctuation, no trailing 项目. */
export function normaliseProjectName(name: string): string {
	const compact = name
		.normalize('NFKC')
		.toLowerCase()
		.replace(PUNCTUATION, '')
		.replace(/\s+/gu, '');
	const withoutSuffix = compact.replace(/项目$/u, '');
	return withoutSuffix === '' ? compact : withoutSuffix;
}

function bigrams(text: string): Map<string, number> {
	const characters = Array.from(text);
	const counts = new Map<string, number>();
	for (let i = 0; i + 1 < characters.length; i += 1) {
		const pair = `${characters[i]}${characters[i + 1]}`;
		counts.set(pair, (counts.get(pair) ?? 0) + 1);
	}
	return counts;
}

/**
 * Dice's coefficient over the character bigrams of two normalised project names, from 0 (no
 * bigram shared) to 1. Characters, not words: Chinese names have no spaces to split on. Names
 * too short to have a bigram are similar only when equal.
 */
export function projectNameSimilarity(a: string, b: string): number {
	const left = normaliseProjectName(a);
	const right = normaliseProjectName(b);
	if (left === right) return 1;
	const leftPairs = bigrams(left);
	const rightPairs = bigrams(right);
	let size = 0;
	for (const count of leftPairs.values()) size += count;
	for (const count of rightPairs.values()) size += count;
	if (size === 0) return 0;
	let shared = 0;
	for (const [pair, count] of leftPairs) shared += Math.min(count, rightPairs.get(pair) ?? 0);
	return (2 * shared) / size;
}

export const SIMILAR_PROJECT_NAME = 0.6;

/**
 * Similar enough to be the same project typed twice: Dice ≥ 0.6, or one name inside the other
 * (`传感器产业园` and `传感器产业园二期` — a second phase is flagged too; a human decides). Names
 * of one character are similar only when equal.
 */
export function isSimilarProjectName(a: string, b: string): boolean {
	const left = normaliseProjectName(a);
	const right = normaliseProjectName(b);
	// One character inside a name says nothing: every 园 would contain 园.
	const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
	if (Array.from(shorter).length < 2) return left === right && left !== '';
	if (longer.includes(shorter)) return true;
	return projectNameSimilarity(a, b) >= SIMILAR_PROJECT_NAME;
}

/**
 * Deals that are probably the candidate signed again (docs/architecture.md, “The path of a deal”): not voided, same
 * normalised investor, similar project name. Oldest first — by signing date, then by ledger
 * order — because the first signing keeps the credit.
 */
export function findProbableDuplicates(
	state: LedgerState,
	candidate: { investor: string; projectName: string },
	excludeDealId?: string
): DealState[] {
	const investor = normaliseInvestor(candidate.investor);
	if (investor === '') return [];
	const found: DealState[] = [];
	for (const deal of state.deals.values()) {
		if (deal.voided || deal.id === excludeDealId) continue;
		if (normaliseInvestor(deal.facts.investor) !== investor) continue;
		if (isSimilarProjectName(deal.facts.projectName, candidate.projectName)) found.push(deal);
	}
	return found.sort(
		(a, b) =>
			(a.facts.signedOn < b.facts.signedOn ? -1 : a.facts.signedOn > b.facts.signedOn ? 1 : 0) ||
			a.firstSeq - b.firstSeq
	);
}
