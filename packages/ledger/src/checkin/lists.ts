/*
 * The closed lists of door check-in, in one place: the database's CHECK constraints, the API's
 * input schemas and the offline scanner all read them from here.
 */

/** Who a registration is; the ticket carries its index in one byte, so the order is fixed. */
export const ATTENDEE_CATEGORIES = ['visitor', 'delegate', 'exhibitor', 'media', 'vip'] as const;
export type AttendeeCategory = (typeof ATTENDEE_CATEGORIES)[number];

/**
 * `pending` waits for staff approval, `pending_vetting` for the security office's verdict
 * (安保审查); neither has a ticket yet. `rejected` covers a refused approval and a refused vetting.
 */
export const REGISTRATION_STATUSES = [
	'pending',
	'pending_vetting',
	'confirmed',
	'rejected',
	'cancelled'
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** The statuses that hold a seat: counted against a category's capacity and a delegation's quota. */
export const SEAT_HOLDING_STATUSES = [
	'pending',
	'pending_vetting',
	'confirmed'
] as const satisfies readonly RegistrationStatus[];

/** Waiting for a decision by staff: no ticket yet, but the seat is held. */
export const isAwaitingDecision = (status: RegistrationStatus): boolean =>
	status === 'pending' || status === 'pending_vetting';

/** Why a scan was let in or refused. `ok` is the only admission. */
export const SCAN_REASONS = [
	'ok',
	'already_checked_in',
	'not_allowed_here',
	/** At a session's gate: the session admits only those who signed up, and this one did not. */
	'not_signed_up',
	/** At a session's gate: the room holds its capacity already. */
	'session_full',
	/** A set-up pass (布展证) scanned on a day that is not one of the edition's set-up days. */
	'outside_setup_days',
	'cancelled',
	'invalid',
	'wrong_conference',
	'unknown'
] as const;
export type ScanReason = (typeof SCAN_REASONS)[number];

/** Refinements of a reason that the words tell apart (same code, a more precise sentence). */
export type ReasonDetail = 'pending' | 'rejected' | null;

/** A gate admits a ticket once per conference, or once per Beijing day. */
export const ENTRY_RULES = ['once_per_conference', 'once_per_day'] as const;
export type EntryRule = (typeof ENTRY_RULES)[number];

/**
 * What offline scanning let through that a supervisor must look at: one ticket let in twice,
 * a cancelled ticket let in, a device that let in someone the server had already refused with
 * the same nonce, and a scan whose device clock lay outside the bounds the server accepts.
 */
export const SCAN_CONFLICT_KINDS = [
	'double_admission',
	'admitted_after_cancellation',
	'admitted_after_refusal',
	'device_clock'
] as const;
export type ScanConflictKind = (typeof SCAN_CONFLICT_KINDS)[number];
