import { hash, verify } from '@node-rs/argon2';
import pLimit from 'p-limit';
import { COMMON_PASSWORDS } from './common-passwords.ts';

/*
 * Argon2id with OWASP's first recommended setting: 19 MiB of memory, 2 passes, 1 lane — about
 * 25 ms per hash on these 2-core machines, so a burst of sign-ins at 8 a.m. stays cheap while an
 * offline guesser pays the memory cost for every guess. Argon2id is @node-rs/argon2's default
 * algorithm (its `Algorithm` is a const enum that isolated modules cannot import); the database
 * refuses any hash that does not start with `$argon2id$`.
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing it is not a way to tie up the server. */
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common' | 'contains_login';

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, login: string): PasswordProblem | null {
	if ([...password].length < PASSWORD_MIN_LENGTH) return 'too_short';
	if (password.length > PASSWORD_MAX_LENGTH) return 'too_long';
	const lower = password.toLowerCase();
	if (COMMON_PASSWORDS.has(lower) || /^(.)\1+$/.test(password)) return 'too_common';
	if (login.length >= 3 && lower.includes(login.toLowerCase())) return 'contains_login';
	return null;
}

/**
 * How many Argon2 computations run at once in this process. Each takes a core for ~25 ms and
 * 19 MiB; on the console's 2 cores a flood of sign-ins must leave one core to the check-in and
 * the dashboards. The rest wait in line.
 */
export const ARGON2_CONCURRENCY = 1;
/**
 * How many may wait in line. Past this the caller is told to come back shortly rather than
 * queued: a line longer than a few seconds only holds passwords in memory and answers late.
 */
export const ARGON2_MAX_WAITING = 64;

const argon2Slots = pLimit(ARGON2_CONCURRENCY);

/** Whether the Argon2 line is full; sign-in then answers `throttled` without verifying. */
export function argon2Saturated(): boolean {
	return argon2Slots.pendingCount >= ARGON2_MAX_WAITING;
}

export function hashPassword(password: string): Promise<string> {
	return argon2Slots(() => hash(password, ARGON2_OPTIONS));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await argon2Slots(() => verify(passwordHash, password));
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/**
 * A hash to verify against when the login name is unknown, so an unknown user costs the same
 * time as a wrong password and the response time does not tell which logins exist.
 */
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword('not-a-real-password-used-only-for-timing');
	return dummyHash;
}
