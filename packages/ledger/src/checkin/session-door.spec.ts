import { expect, test } from 'vitest';
import { sessionDoorRefusal, type SessionDoor } from './session-door.ts';

const forum: SessionDoor = {
	allowedCategories: ['delegate', 'vip'],
	signupRequired: true,
	capacity: 2
};
const open: SessionDoor = { allowedCategories: null, signupRequired: false, capacity: 3 };
const seats = (attendance: number, heldSeats = 0, alreadyIn = false) => ({
	attendance,
	heldSeats,
	alreadyIn
});

test('a category the session does not take is refused before its sign-up is asked', () => {
	expect(sessionDoorRefusal(forum, { category: 'visitor', signedUp: true }, seats(0))).toBe(
		'not_allowed_here'
	);
});

test('a sign-up-only session refuses who did not sign up, and lets in who did', () => {
	expect(sessionDoorRefusal(forum, { category: 'delegate', signedUp: false }, seats(0))).toBe(
		'not_signed_up'
	);
	expect(sessionDoorRefusal(forum, { category: 'delegate', signedUp: true }, seats(1))).toBeNull();
});

test('a full room refuses everyone not already in it', () => {
	expect(sessionDoorRefusal(forum, { category: 'vip', signedUp: true }, seats(2))).toBe(
		'session_full'
	);
	expect(
		sessionDoorRefusal(forum, { category: 'vip', signedUp: true }, seats(2, 0, true))
	).toBeNull();
});

test('seats held for who signed up are kept from walk-ins, not from the signed-up', () => {
	expect(sessionDoorRefusal(open, { category: 'visitor', signedUp: false }, seats(1, 2))).toBe(
		'session_full'
	);
	expect(sessionDoorRefusal(open, { category: 'visitor', signedUp: true }, seats(1, 1))).toBeNull();
	expect(
		sessionDoorRefusal(open, { category: 'visitor', signedUp: false }, seats(1, 1))
	).toBeNull();
});

test('a session without a capacity never fills', () => {
	const hall = { ...open, capacity: null };
	expect(
		sessionDoorRefusal(hall, { category: 'media', signedUp: false }, seats(10_000, 10_000))
	).toBeNull();
});
