import type { AttendeeCategory } from './checkin/lists.ts';

/*
 * The agenda of an edition (议程): its sessions — the opening, the main forum, the sub-forums,
 * the signing ceremony — and who may sit in which. Pure rules shared by the console, the
 * attendee site, the door (online and the offline scanner in the browser) and the live pages.
 */

/** 开幕式, 主论坛, 分论坛, 签约仪式, 展览, 其他. */
export const SESSION_KINDS = [
	'opening',
	'main_forum',
	'sub_forum',
	'signing_ceremony',
	'exhibition',
	'other'
] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** The language a session is held in: Chinese, English, or both (with interpretation). */
export const SESSION_LANGUAGES = ['zh', 'en', 'zh_en'] as const;
export type SessionLanguage = (typeof SESSION_LANGUAGES)[number];

/** Instants as epoch milliseconds: a session runs over `[startsAt, endsAt)`. */
export interface SessionSlot {
	startsAt: number;
	endsAt: number;
}

/** Two sessions share some time (touching ends do not: 9:00–10:00 and 10:00–11:00 are fine). */
export const sessionsOverlap = (a: SessionSlot, b: SessionSlot): boolean =>
	a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/** Who may sit in a session. */
export interface SessionAdmission {
	/** Null: every category the edition admits. */
	allowedCategories: readonly AttendeeCategory[] | null;
	/** Only those who signed up (报名) get in; otherwise any ticket holder of an allowed category. */
	signupRequired: boolean;
}

/** Why a person may not sit in a session, in the words of a scan reason. */
export type SessionRefusal = 'not_allowed_here' | 'not_signed_up';

/**
 * Whether a ticket holder of `category` may sit in the session; `signedUp` is whether they signed
 * up for it. The category is checked first: signing up cannot make a category welcome.
 */
export function sessionRefusal(
	session: SessionAdmission,
	category: AttendeeCategory,
	signedUp: boolean
): SessionRefusal | null {
	if (session.allowedCategories !== null && !session.allowedCategories.includes(category)) {
		return 'not_allowed_here';
	}
	if (session.signupRequired && !signedUp) return 'not_signed_up';
	return null;
}

/** A category may sign up for a session when it may sit in it at all. */
export const mayAttend = (session: SessionAdmission, category: AttendeeCategory): boolean =>
	session.allowedCategories === null || session.allowedCategories.includes(category);

/** The sessions among `chosen` that share time with `session` (itself excepted, by id). */
export function clashesWith<T extends SessionSlot & { id: number }>(
	session: SessionSlot & { id: number },
	chosen: readonly T[]
): T[] {
	return chosen.filter((other) => other.id !== session.id && sessionsOverlap(session, other));
}
