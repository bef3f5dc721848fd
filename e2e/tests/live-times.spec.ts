import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { ownPort } from '../support/origins.ts';
import { exited, huizhan, sqlite, startAdmin } from '../support/processes.ts';
import { HYDRATED_WITHIN, signInAt } from '../support/live.ts';

/*
 * An admin app of its own, on a database of its own: the scans below are written straight into
 * it at chosen moments (a gate's device clock on the day), which the shared database's other
 * check-in tests must not see.
 */
const PORT = ownPort(10);
const ORIGIN = `http://127.0.0.1:${PORT}`;

let dir: string;
let app: ChildProcess;

/** First entries of four people, around midnight UTC and around midnight in Beijing. */
const ARRIVALS = [
	'2024-11-03T23:50:00Z', // 11月4日 07:50 in Beijing, the UTC date still the 3rd
	'2024-11-04T00:05:00Z', // 08:05, the same Beijing morning
	'2024-11-04T15:55:00Z', // 23:55, the evening of the 4th
	'2024-11-04T16:10:00Z' // 00:10 on the 5th in Beijing, still the 4th in UTC
];

test.beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-live-times-'));
	const env = { DATABASE_PATH: join(dir, 'huizhan.db'), HUIZHAN_MODE: 'demo' };
	expect(huizhan(['seed', '--demo'], env).code).toBe(0);
	const statements = ARRIVALS.map((at, i) => {
		const ms = Date.parse(at);
		return `INSERT INTO scans (conference_id, checkpoint_id, registration_id, kind, reason, method,
			entry_key, device_id, nonce, staff_id, offline, scanned_at, stored_at)
			VALUES ('wsc-2024', (SELECT min(id) FROM checkpoints WHERE conference_id = 'wsc-2024'),
			(SELECT id FROM registrations WHERE conference_id = 'wsc-2024' AND status = 'confirmed'
				ORDER BY id LIMIT 1 OFFSET ${i}),
			'scan', 'ok', 'reference', 'e2e-midnight-${i}', 'e2e-midnight', 'midnight-${i}',
			(SELECT id FROM staff_users WHERE login = 'admin'), 0, ${ms}, ${ms})`;
	});
	expect(sqlite(env.DATABASE_PATH, statements)).toBe(0);
	app = await startAdmin(PORT, env);
});

test.afterAll(async () => {
	app.kill('SIGTERM');
	await exited(app);
	rmSync(dir, { recursive: true, force: true });
});

test('arrivals per quarter hour are labelled in Beijing time, dated by the Beijing day', async ({
	page
}) => {
	await signInAt(page, ORIGIN, 'leader');
	await page.goto(`${ORIGIN}/live?year=2024`);
	await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live', {
		timeout: HYDRATED_WITHIN
	});
	const slots = page.locator('[data-turnout="wsc-2024"] [data-testid="arrivals"] li');
	// Cut from the UTC instants these would read 23:45, 00:00, 15:45 and 16:00.
	await expect(slots).toHaveText(['11月4日 07:45 1', '08:00 1', '23:45 1', '11月5日 00:00 1']);
	await expect(slots.first().locator('time')).toHaveAttribute(
		'datetime',
		'2024-11-03T23:45:00.000Z'
	);
	await expect(page.locator('[data-turnout="wsc-2024"] h4')).toHaveText('每15分钟入场（北京时间）');

	// The same moments in English.
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: ORIGIN }]);
	await page.reload();
	await expect(slots).toHaveText(['4 Nov 07:45 1', '08:00 1', '23:45 1', '5 Nov 00:00 1']);
});
