/*
 * The exhibition of an edition (展览): exhibitors, their booths, their staff badges and set-up
 * passes. Pure rules shared by the console, the attendee site, the door (online and the offline
 * scanner in the browser) and the live pages.
 */

/** 标准展位 (a shell-scheme booth, walls and fascia provided) or 光地 (raw space, built by the exhibitor). */
export const BOOTH_TYPES = ['standard', 'raw'] as const;
export type BoothType = (typeof BOOTH_TYPES)[number];

/**
 * An application's life: submitted → approved or rejected; an admin may instead ask for changes
 * (`changes_requested`), after which the company edits and submits again (back to `pending`).
 * The company may withdraw before a decision. Only an approved exhibitor holds booths, badges
 * and leads, and is listed in the public directory.
 */
export const EXHIBITOR_STATUSES = [
	'pending',
	'changes_requested',
	'approved',
	'rejected',
	'withdrawn'
] as const;
export type ExhibitorStatus = (typeof EXHIBITOR_STATUSES)[number];

/** The statuses that still speak for the company: a second application from it is a duplicate. */
export const LIVE_EXHIBITOR_STATUSES = [
	'pending',
	'changes_requested',
	'approved'
] as const satisfies readonly ExhibitorStatus[];

/** A booth held for an exhibitor (reserved, e.g. while its contract is signed) or assigned to it. */
export const BOOTH_HOLDS = ['reserved', 'assigned'] as const;
export type BoothHold = (typeof BOOTH_HOLDS)[number];

/** What the hall plan shows for a booth: nobody holds it, or the kind of hold on it. */
export type BoothStatus = 'free' | BoothHold;

/**
 * An exhibitor's people: staff badges (展商证) admit on the set-up days and the show days; set-up
 * passes (布展证) admit on the set-up days only. Both are registrations in the 展商 category
 * bound to the company.
 */
export const EXHIBITOR_PASSES = ['staff', 'setup'] as const;
export type ExhibitorPass = (typeof EXHIBITOR_PASSES)[number];

/** How a lead was rated by the exhibitor's staff: hot, warm, cold. */
export const LEAD_RATINGS = ['hot', 'warm', 'cold'] as const;
export type LeadRating = (typeof LEAD_RATINGS)[number];

/*
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (no I, O, S, V,
 * Z); the 1st is the registering authority, the 2nd the kind of body, the 3rd–8th the
 * administrative division (digits), the 9th–17th the organisation code, the 18th a check
 * character over the first 17 with the weights 3^i mod 31.
 */
const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Why a credit code is refused, so the form can say which: the shape or the check character. */
export type CreditCodeProblem = 'length' | 'characters' | 'division' | 'check_digit';

/** Trims, removes inner spaces and upper-cases: what people type becomes what is stored. */
export const normaliseCreditCode = (text: string): string =>
	text.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();

/** The problem with a (normalised) credit code, or null when it is well-formed and checks out. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
	if (code.length !== 18) return 'length';
	if ([...code].some((char) => !CREDIT_CODE_ALPHABET.includes(char))) return 'characters';
	if (!/^\d{6}$/.test(code.slice(2, 8))) return 'division';
	return code[17] === creditCodeCheckCharacter(code.slice(0, 17)) ? null : 'check_digit';
}

/**
 * The check character (18th) of a credit code's first 17 characters, all from the alphabet. The
 * demo data and tests complete codes with it; a form never does (a typo must stay a typo).
 */
export function creditCodeCheckCharacter(first17: string): string {
	const sum = CREDIT_CODE_WEIGHTS.reduce(
		(total, weight, i) => total + weight * CREDIT_CODE_ALPHABET.indexOf(first17[i]!),
		0
	);
	return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export const isCreditCode = (code: string): boolean => creditCodeProblem(code) === null;

/**
 * The admin's rule for how many people an exhibitor brings: one per `squareMetresPer` ㎡ of the
 * booths it holds, and never fewer than `minimum` while it holds any booth. Set per edition,
 * separately for staff badges and set-up passes.
 */
export interface PassQuotaRule {
	squareMetresPer: number;
	minimum: number;
}

/** How many passes an exhibitor holding `areaSquareMetres` of booths may have under `rule`. */
export function passQuota(areaSquareMetres: number, rule: PassQuotaRule): number {
	if (areaSquareMetres <= 0) return 0;
	return Math.max(rule.minimum, Math.floor(areaSquareMetres / rule.squareMetresPer));
}

/** The edition's set-up days (布展期), Beijing calendar dates `YYYY-MM-DD`, both ends included. */
export interface SetupDays {
	startsOn: string;
	endsOn: string;
}

/**
 * Whether a pass admits on a Beijing day: a set-up pass only on the set-up days (none when the
 * edition has none), a staff badge on any day the gate is open. Dates compare as text.
 */
export function passAdmitsOn(pass: ExhibitorPass, day: string, setup: SetupDays | null): boolean {
	if (pass === 'staff') return true;
	return setup !== null && setup.startsOn <= day && day <= setup.endsOn;
}
