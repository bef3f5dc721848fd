import { createTestDb } from '@huizhan/db/testing';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { createContextInner } from '../context.ts';
import { adminRouter, createAdminCaller } from '../root.ts';
import { createUser } from '../services/users.ts';

const PASSWORD = 'correct horse battery';
let handle: DbHandle;

beforeEach(async () => {
	handle = await createTestDb();
	await createUser(
		handle.db,
		{ login: 'zhangwei', displayName: '张伟', password: PASSWORD, roles: ['admin'] },
		{ user: null, source: 'cli', now: new Date() }
	);
});
afterEach(() => handle.close());

/** POSTs to the admin router as the console's route does, telling the context about batches or not. */
function post(path: string, body: unknown, { passBatchInfo = true } = {}) {
	return fetchRequestHandler({
		endpoint: '/api/trpc',
		req: new Request(`http://localhost:3001/api/trpc/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		}),
		router: adminRouter,
		createContext: ({ info }) =>
			createContextInner({
				...handle,
				source: '203.0.113.9',
				batched: passBatchInfo ? info.isBatchCall : undefined
			})
	});
}

/** Fifty sign-ins in one batch, the right password at position 40. */
function fiftyInOneBatch(options?: { passBatchInfo: boolean }) {
	const paths = Array.from({ length: 50 }, () => 'auth.signIn').join(',');
	const inputs = Object.fromEntries(
		Array.from({ length: 50 }, (_, i) => [
			i,
			{ login: 'zhangwei', password: i === 39 ? PASSWORD : `wrong guess ${i}` }
		])
	);
	return post(`${paths}?batch=1`, inputs, options);
}

const sessions = () => handle.db.select().from(tables(handle.db).staffSessions);
const failures = async () =>
	(await handle.db.select().from(tables(handle.db).auditLog)).filter(
		(e) => e.action === 'sign_in_failed'
	);

test('fifty sign-ins in one tRPC batch are all refused, unchecked, and none gets a session', async () => {
	const response = await fiftyInOneBatch();
	expect(response.status).toBe(400);
	const answers = (await response.json()) as { error?: { data: { reason: string } } }[];
	expect(answers).toHaveLength(50);
	expect(answers.map((a) => a.error?.data.reason)).toEqual(Array(50).fill('batch_refused'));
	expect(await sessions()).toHaveLength(0);
	expect(await failures()).toHaveLength(0);
});

test('a batch of one sign-in is refused too', async () => {
	const response = await post('auth.signIn?batch=1', {
		0: { login: 'zhangwei', password: PASSWORD }
	});
	expect(response.status).toBe(400);
	expect(await sessions()).toHaveLength(0);
});

test('a context built without the batch flag still lets only the first sign-in of a batch run', async () => {
	const answers = (await (await fiftyInOneBatch({ passBatchInfo: false })).json()) as {
		result?: { data: { ok: boolean } };
		error?: { data: { reason: string } };
	}[];
	expect(answers[0]?.result?.data).toEqual({ ok: false, reason: 'invalid' });
	expect(answers.slice(1).every((a) => a.error?.data.reason === 'batch_refused')).toBe(true);
	expect(await sessions()).toHaveLength(0);
	expect(await failures()).toHaveLength(1);
});

test('one sign-in on its own request signs in', async () => {
	const response = await post('auth.signIn', { login: 'zhangwei', password: PASSWORD });
	expect(response.status).toBe(200);
	const answer = (await response.json()) as { result: { data: { ok: boolean } } };
	expect(answer.result.data.ok).toBe(true);
	expect(await sessions()).toHaveLength(1);
});

test('the sign-in page’s in-process calls are counted the same way: fifty at once, no session', async () => {
	// The console's login form action calls the procedure through a caller, one per request.
	const answers = await Promise.all(
		Array.from({ length: 50 }, (_, i) =>
			createAdminCaller(createContextInner({ ...handle, source: '198.51.100.7' })).auth.signIn({
				login: 'zhangwei',
				password: i === 39 ? PASSWORD : `wrong guess ${i}`
			})
		)
	);
	expect(answers.filter((a) => a.ok)).toHaveLength(0);
	expect(answers.filter((a) => !a.ok && a.reason === 'throttled')).toHaveLength(44);
	expect(await sessions()).toHaveLength(0);
	expect(await failures()).toHaveLength(6);
});
