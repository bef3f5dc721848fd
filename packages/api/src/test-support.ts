import { createTestDb } from '@huizhan/db/testing';
import { tables, type DbHandle } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { createContextInner, type CreateContextOptions } from './context.ts';
import { createAdminCaller } from './root.ts';
import type { StaffRole, StaffUser } from './auth/roles.ts';

/**
 * The day the test demo databases are made: the demo's current editions follow that day, so a
 * fixed one keeps the tests' ids stable (2024 closed; wsc-2027 and diamond-2027 open).
 */
export const DEMO_SEEDED_AT = new Date('2026-11-26T10:00:00+08:00');

/** A fresh in-memory database with the demo data, and a context over it. */
export async function seededContext(options: Omit<CreateContextOptions, 'db' | 'writes'> = {}) {
	const handle = await createTestDb();
	await seedDemo(handle.db, DEMO_SEEDED_AT);
	return { ...handle, ctx: createContextInner({ ...handle, ...options }) };
}

/** A signed-in user for a context, without going through a sign-in. */
export const staff = (roles: StaffRole[], id = 1): StaffUser => ({
	id,
	login: roles.join('-') || 'nobody',
	displayName: 'Test',
	roles
});

/** A clock that tests move by hand. */
export function manualClock(start = new Date('2024-11-03T08:00:00+08:00')) {
	let now = start.getTime();
	return {
		now: () => new Date(now),
		advance: (ms: number) => {
			now += ms;
		}
	};
}

/** A staff account stored in the database, and the admin router called as that person. */
export async function signedInCaller(
	handle: DbHandle,
	login: string,
	roles: StaffRole[],
	options: Omit<CreateContextOptions, 'db' | 'writes' | 'user'> = {}
) {
	const [user] = await handle.db
		.insert(tables(handle.db).staffUsers)
		.values({ login, displayName: login, passwordHash: '$argon2id$not-used-here' })
		.returning();
	if (!user) throw new Error('the staff account was not stored');
	return {
		id: user.id,
		api: createAdminCaller(
			createContextInner({
				...handle,
				...options,
				user: { id: user.id, login, displayName: login, roles }
			})
		)
	};
}
