/*
 * `@huizhan/ledger/checkin`: the pure rules of door check-in, shared by the server and the
 * offline scanner in the browser. Imports no Node built-in and nothing that does I/O.
 */
export * from './lists.ts';
export { fromBase32, toBase32 } from './base32.ts';
export {
	readTicket,
	ticketBody,
	TOKEN_BODY_BYTES,
	TOKEN_PREFIX,
	TOKEN_SIGNATURE_BYTES
} from './token.ts';
export type { ReadTicket, TicketClaims } from './token.ts';
export {
	beijingDate,
	boundedDeviceTime,
	classifyScannedText,
	DEVICE_CLOCK_SKEW_MS,
	deviceClockBounds,
	entryKey,
	gateRefusal,
	OFFLINE_WINDOW_MS,
	scanRequestLine,
	statusAt
} from './verdict.ts';
export type { GateFacts, RegistrationFacts, ScanDay, ScannedText } from './verdict.ts';
export { admittedKeys, judgeOffline } from './offline.ts';
export type {
	OfflineVerdict,
	SessionDoorSnapshot,
	SignatureCheck,
	VerdictSnapshot
} from './offline.ts';
export { needsSignups, sessionDoorRefusal } from './session-door.ts';
export type { SessionDoor, SessionDoorRefusal, SessionSeats } from './session-door.ts';
export { clashesWith, mayAttend, sessionRefusal, sessionsOverlap } from '../agenda.ts';
export type { SessionAdmission, SessionRefusal, SessionSlot } from '../agenda.ts';
export { EXHIBITOR_PASSES, passAdmitsOn } from '../exhibition.ts';
export type { ExhibitorPass, SetupDays } from '../exhibition.ts';
