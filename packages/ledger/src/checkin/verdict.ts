import {
	isAwaitingDecision,
	type AttendeeCategory,
	type EntryRule,
	type ReasonDetail,
	type RegistrationStatus,
	type ScanReason
} from './lists.ts';
import { TOKEN_PREFIX } from './token.ts';
import { passAdmitsOn, type ExhibitorPass, type SetupDays } from '../exhibition.ts';

/*
 * The verdict of a scan, as one ladder of pure rules that the server's scan service and the
 * offline scanner both run: what the scanned text is, whether the registration it names may
 * enter this gate, and which entry slot an admission claims. Each side only finds the facts —
 * the server in its database, the scanner in its snapshot — and a property test holds the two
 * paths to the same answers.
 */

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar date in Beijing, `YYYY-MM-DD`: the period of a once-per-day gate. */
export const beijingDate = (at: Date): string =>
	new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

/** `<checkpoint>:<registration>:<period>`; the period is `all` or the Beijing date. */
export function entryKey(
	checkpoint: { id: number; entryRule: EntryRule | string },
	registrationId: number,
	at: Date
): string {
	const period = checkpoint.entryRule === 'once_per_day' ? beijingDate(at) : 'all';
	return `${checkpoint.id}:${registrationId}:${period}`;
}

/**
 * A human reference as printed under the QR, with or without its dash: `WSC-7K3Q9M`, and
 * `WSC27-7K3Q9M` since an edition's prefix may carry its year (a letter, then 2–8 letters and
 * digits, as the conferences table allows).
 */
const REFERENCE = /^[A-Z][A-Z0-9]{1,7}-?[0-9A-Z]{6}$/;

export type ScannedText =
	{ kind: 'token'; text: string } | { kind: 'reference'; reference: string } | { kind: 'invalid' };

/** What the scanner read or staff typed: a ticket token, a reference, or neither. */
export function classifyScannedText(code: string): ScannedText {
	const text = code.trim().toUpperCase();
	if (text.startsWith(TOKEN_PREFIX)) return { kind: 'token', text };
	if (REFERENCE.test(text)) {
		const reference = text.includes('-')
			? text
			: text.replace(/^([A-Z][A-Z0-9]*?)([0-9A-Z]{6})$/, '$1-$2');
		return { kind: 'reference', reference };
	}
	return { kind: 'invalid' };
}

/**
 * The status that counts for a scan made at `at` (epoch ms), or now when `at` is null: a
 * ticket cancelled after an offline scan was still valid when its holder came in.
 */
export function statusAt(
	registration: { status: RegistrationStatus; cancelledAt: number | null },
	at: number | null
): RegistrationStatus {
	if (
		at !== null &&
		registration.status === 'cancelled' &&
		registration.cancelledAt !== null &&
		registration.cancelledAt > at
	) {
		return 'confirmed';
	}
	return registration.status;
}

export interface GateFacts {
	conferenceId: string;
	allowedCategories: readonly string[];
}

export interface RegistrationFacts {
	conferenceId: string;
	category: AttendeeCategory;
	/** Already as it counts for this scan (`statusAt`). */
	status: RegistrationStatus;
	/** Listed as revoked in the offline snapshot. */
	revoked?: boolean;
	/** The exhibitor's pass this registration is (展商证 or 布展证), if any. */
	pass?: ExhibitorPass | null;
}

/** The day of a scan (Beijing) and the edition's set-up days, which a set-up pass is held to. */
export interface ScanDay {
	day: string;
	setupDays: SetupDays | null;
}

/**
 * The rungs of the ladder between finding the registration and claiming its slot, in order:
 * another conference, a void ticket, a registration not yet approved, a category this gate does
 * not take, a set-up pass (布展证) outside the set-up days. Null when none refuses: the scan may
 * claim its entry slot. Without `on`, a set-up pass is refused: its days cannot be told.
 */
export function gateRefusal(
	gate: GateFacts,
	registration: RegistrationFacts,
	on?: ScanDay
): { reason: ScanReason; detail: ReasonDetail } | null {
	if (registration.conferenceId !== gate.conferenceId) {
		return { reason: 'wrong_conference', detail: null };
	}
	if (registration.status === 'rejected') return { reason: 'cancelled', detail: 'rejected' };
	if (registration.status === 'cancelled' || registration.revoked) {
		return { reason: 'cancelled', detail: null };
	}
	if (isAwaitingDecision(registration.status)) {
		return { reason: 'not_allowed_here', detail: 'pending' };
	}
	if (!gate.allowedCategories.includes(registration.category)) {
		return { reason: 'not_allowed_here', detail: null };
	}
	const { day, setupDays } = on ?? { day: '', setupDays: null };
	if (registration.pass && !passAdmitsOn(registration.pass, day, setupDays)) {
		return { reason: 'outside_setup_days', detail: null };
	}
	return null;
}

/**
 * How far a device's clock is believed. A scan decided offline cannot have happened before the
 * snapshot it was decided with (nor more than `OFFLINE_WINDOW_MS` ago), nor after it reached the
 * server; `DEVICE_CLOCK_SKEW_MS` allows for a phone's clock being a little off. A time outside
 * is not trusted: the scan is judged at the nearest bound and flagged for the supervisor.
 */
export const DEVICE_CLOCK_SKEW_MS = 10 * 60 * 1000;
export const OFFLINE_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * The earliest and latest believable times of an uploaded offline scan (epoch ms).
 * `snapshotAt` is the `generatedAt` of the snapshot the device decided with, when it says.
 */
export function deviceClockBounds(
	now: number,
	snapshotAt: number | null
): { earliest: number; latest: number } {
	const windowStart = now - OFFLINE_WINDOW_MS;
	const since =
		snapshotAt === null ? windowStart : Math.min(Math.max(snapshotAt, windowStart), now);
	return { earliest: since - DEVICE_CLOCK_SKEW_MS, latest: now + DEVICE_CLOCK_SKEW_MS };
}

/** The time a scan is judged at, and whether the device's own time had to be moved there. */
export function boundedDeviceTime(
	scannedAt: number,
	bounds: { earliest: number; latest: number }
): { at: number; outOfBounds: boolean } {
	const at = Math.min(Math.max(scannedAt, bounds.earliest), bounds.latest);
	return { at, outOfBounds: at !== scannedAt };
}

/**
 * What a scan request asked, as one canonical line: a retry under the same nonce must ask the
 * same thing, or it is someone else's request using that nonce. Whether it was decided offline
 * is left out on purpose: a scan that timed out online is uploaded again as offline.
 */
export function scanRequestLine(request: {
	checkpointId: number;
	code?: string | undefined;
	registrationId?: number | undefined;
	scannedAt: number;
}): string {
	const what =
		request.registrationId !== undefined
			? `registration:${request.registrationId}`
			: `code:${(request.code ?? '').trim().toUpperCase()}`;
	return `${request.checkpointId}|${what}|${request.scannedAt}`;
}
