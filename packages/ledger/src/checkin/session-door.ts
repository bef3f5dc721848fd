import type { AttendeeCategory } from './lists.ts';
import { sessionRefusal, type SessionAdmission } from '../agenda.ts';

/*
 * The last rung of the ladder at a session's gate (分论坛三 · 307会议室), after the gate's own
 * rungs and before the entry slot: who may sit in the session, and whether the room has a seat.
 * The server counts in its database, the offline scanner in its snapshot; both decide here.
 *
 * The seat rule. A session with a capacity never holds more people than its capacity: attendance
 * is the distinct people with a standing admission at any of its gates. A person who signed up
 * holds a seat: someone who did not is let in only while the seats left exceed those still held
 * for people who signed up and have not come yet. So the signed-up are refused only when the room
 * is full in fact — which happens only when more signed up than the room had left. A person
 * already in (admitted at another of its gates) takes no second seat.
 */

export interface SessionDoor extends SessionAdmission {
	/** Seats; null means the room takes whoever may come. */
	capacity: number | null;
}

export interface SessionSeats {
	/** Distinct people with a standing admission at the session's gates, this person excepted. */
	attendance: number;
	/** Whether this person already has a standing admission at one of the session's gates. */
	alreadyIn: boolean;
	/** People who signed up and have no standing admission at its gates, this person excepted. */
	heldSeats: number;
}

export type SessionDoorRefusal = 'not_allowed_here' | 'not_signed_up' | 'session_full';

export function sessionDoorRefusal(
	session: SessionDoor,
	person: { category: AttendeeCategory; signedUp: boolean },
	seats: SessionSeats
): SessionDoorRefusal | null {
	const refusal = sessionRefusal(session, person.category, person.signedUp);
	if (refusal) return refusal;
	if (session.capacity === null || seats.alreadyIn) return null;
	if (seats.attendance >= session.capacity) return 'session_full';
	if (!person.signedUp && seats.attendance + seats.heldSeats >= session.capacity) {
		return 'session_full';
	}
	return null;
}

/** Only sessions with a sign-up rule or a capacity need their sign-up list at the door. */
export const needsSignups = (session: SessionDoor): boolean =>
	session.signupRequired || session.capacity !== null;
