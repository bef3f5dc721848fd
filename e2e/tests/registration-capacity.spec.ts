import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { demoCreatedOn, demoEditionsOn } from '../support/editions.ts';
import { ownPort } from '../support/origins.ts';
import { exited, huizhan, sqlite, sqliteValue, startApp } from '../support/processes.ts';

const PORT = ownPort(6);
const ORIGIN = `http://127.0.0.1:${PORT}`;

test('200 concurrent registrations for a category with 50 seats left: exactly 50 confirmed, the rest told it is full', async () => {
	test.setTimeout(120_000);
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-seats-'));
	const path = join(dir, 'huizhan.db');
	const env = { DATABASE_PATH: path, REGISTRATIONS_PER_MINUTE: '100000' };
	try {
		expect(huizhan(['seed', '--demo'], env).code).toBe(0);
		// Visitors of the open edition: confirmed at once, where 嘉宾 now wait for approval.
		const { sensor } = demoEditionsOn(demoCreatedOn(path));
		const taken = sqliteValue(
			path,
			`SELECT count(*) FROM registrations WHERE conference_id = '${sensor.id}' AND category = 'visitor' AND status IN ('pending', 'confirmed')`
		) as number;
		expect(
			sqlite(path, [
				`UPDATE conference_categories SET capacity = ${taken + 50} WHERE conference_id = '${sensor.id}' AND category = 'visitor'`
			])
		).toBe(0);
		const app = await startApp('attendee', PORT, env);
		try {
			const attempts = Array.from({ length: 200 }, (_, i) =>
				fetch(`${ORIGIN}/api/trpc/registration.register`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						conferenceId: sensor.id,
						category: 'visitor',
						name: `并发测试 ${i}`,
						organisation: '压力测试',
						mobile: `1591234${String(i).padStart(4, '0')}`,
						consent: true
					})
				}).then(async (response) => {
					const body = await response.json();
					return (
						body.result?.data?.outcome ?? body.error?.data?.reason ?? `http ${response.status}`
					);
				})
			);
			const outcomes = await Promise.all(attempts);
			const tally = outcomes.reduce<Record<string, number>>(
				(t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }),
				{}
			);
			expect(tally).toEqual({ registered: 50, category_full: 150 });
		} finally {
			app.kill('SIGTERM');
			await exited(app);
		}
		const after = sqliteValue(
			path,
			`SELECT count(*) FROM registrations WHERE conference_id = '${sensor.id}' AND category = 'visitor' AND status IN ('pending', 'confirmed')`
		);
		expect(after).toBe(taken + 50);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
