import { createTestDb } from '@huizhan/db/testing';
import { describe, expect, test } from 'vitest';
import { tables } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { hashToken } from '../auth/tokens.ts';
import { createSession, endSession } from '../auth/sessions.ts';
import { createContextInner } from '../context.ts';
import { AppError } from '../errors.ts';
import { lostStreamAccess } from '../live/access.ts';
import { createAdminCaller } from '../root.ts';
import { manualClock, staff } from '../test-support.ts';

async function setUp() {
	const handle = await createTestDb();
	await seedDemo(handle.db);
	const { staffUserRoles, staffUsers } = tables(handle.db);
	const clock = manualClock();
	const userOf = async (login: string, roles: Parameters<typeof staff>[0]) => {
		const [user] = await handle.db
			.insert(staffUsers)
			.values({ login, displayName: login, passwordHash: '$argon2id$not-used-here' })
			.returning();
		const id = user!.id;
		await handle.db.insert(staffUserRoles).values(roles.map((role) => ({ userId: id, role })));
		return { ...staff(roles, id), login };
	};
	const admin = await userOf('chief', ['admin']);
	const caller = (user: Awaited<ReturnType<typeof userOf>> | null) =>
		createAdminCaller(createContextInner({ ...handle, user, source: '10.0.0.9', now: clock.now }));
	return { ...handle, clock, admin, userOf, caller };
}

describe('screen links', () => {
	test('live from creation to revocation: the token is shown once, stored only hashed, and audited', async () => {
		const { db, admin, caller, clock } = await setUp();
		const created = await caller(admin).screens.create({ label: '主会场大屏' });
		expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

		const stored = await db.select().from(tables(db).screenLinks);
		expect(stored).toHaveLength(1);
		expect(stored[0]!.tokenHash).toBe(hashToken(created.token));
		expect(JSON.stringify(stored)).not.toContain(created.token);
		const listed = await caller(admin).screens.list();
		expect(listed).toMatchObject([
			{ id: created.id, label: '主会场大屏', createdBy: 'chief', revokedAt: null }
		]);
		expect(JSON.stringify(listed)).not.toContain(created.token);

		// Anyone holding the link opens the screen, without signing in.
		expect(await caller(null).screens.open({ token: created.token })).toEqual({
			id: created.id,
			label: '主会场大屏'
		});
		const credential = { kind: 'screen' as const, tokenHash: hashToken(created.token) };
		expect((await lostStreamAccess(db, [credential], clock.now())).size).toBe(0);

		clock.advance(60_000);
		await caller(admin).screens.revoke({ id: created.id });
		await caller(admin).screens.revoke({ id: created.id });
		const refusal = await caller(null)
			.screens.open({ token: created.token })
			.catch((e: unknown) => e);
		expect(refusal).toBeInstanceOf(AppError);
		expect((refusal as AppError).reason).toBe('screen_revoked');
		expect(await lostStreamAccess(db, [credential], clock.now())).toEqual(
			new Map([[`screen:${credential.tokenHash}`, 'revoked']])
		);

		const audit = await db.select().from(tables(db).auditLog);
		expect(audit.map((a) => a.action)).toEqual(['screen_link_created', 'screen_link_revoked']);
		expect(audit.every((a) => a.actorLabel === 'chief' && a.subjectId === String(created.id))).toBe(
			true
		);
		expect(JSON.stringify(audit)).not.toContain(created.token);
	});

	test('an unknown token opens nothing', async () => {
		const { caller } = await setUp();
		const refusal = await caller(null)
			.screens.open({ token: 'not-a-real-token' })
			.catch((e: unknown) => e);
		expect((refusal as AppError).reason).toBe('screen_unknown');
	});

	test('only admins make and revoke links', async () => {
		const { caller, userOf } = await setUp();
		const leader = await userOf('boss', ['leader']);
		await expect(caller(leader).screens.create({ label: 'x' })).rejects.toMatchObject({
			code: 'FORBIDDEN'
		});
	});
});

describe('a staff stream’s access, checked again while it is open', () => {
	test('ends with the session: signed out, expired or without a live role', async () => {
		const { db, userOf, clock } = await setUp();
		const leader = await userOf('boss', ['leader']);
		const door = await userOf('gate', ['door']);
		const kept = await createSession(db, leader.id, 'test', clock.now());
		const signedOut = await createSession(db, leader.id, 'test', clock.now());
		const doorOnly = await createSession(db, door.id, 'test', clock.now());
		await endSession(db, signedOut.token);
		const credential = (token: string) => ({ kind: 'staff' as const, tokenHash: hashToken(token) });
		const lost = await lostStreamAccess(
			db,
			[credential(kept.token), credential(signedOut.token), credential(doorOnly.token)],
			clock.now()
		);
		expect([...lost.keys()].sort()).toEqual(
			[`staff:${hashToken(signedOut.token)}`, `staff:${hashToken(doorOnly.token)}`].sort()
		);
		// Twelve idle hours later the session has expired too.
		clock.advance(12 * 60 * 60 * 1000 + 1);
		expect((await lostStreamAccess(db, [credential(kept.token)], clock.now())).size).toBe(1);
	});
});
