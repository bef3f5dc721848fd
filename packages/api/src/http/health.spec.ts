import { createTestDb } from '@huizhan/db/testing';
import { expect, test } from 'vitest';
import { healthResponse } from './health.ts';

test('answers 200 {"ok":true} while the database answers and 503 once it does not', async () => {
	const { db, close } = await createTestDb();
	const up = await healthResponse(db);
	expect(up.status).toBe(200);
	expect(await up.json()).toEqual({ ok: true });
	await close();
	const down = await healthResponse(db);
	expect(down.status).toBe(503);
	expect(await down.json()).toEqual({ ok: false });
});
