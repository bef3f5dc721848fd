import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ownPort } from '../support/origins.ts';
import { dealRecord } from '../support/deals.ts';
import { exited, huizhan, sqlite, startAdmin } from '../support/processes.ts';

const PORT = ownPort(7);
const ORIGIN = `http://127.0.0.1:${PORT}`;

async function signInToken(): Promise<string> {
	const response = await fetch(`${ORIGIN}/api/trpc/auth.signIn`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ login: 'recorder', password: 'huizhan-demo' })
	});
	return (await response.json()).result.data.token;
}

test('killing the console with SIGKILL mid-recording loses no acknowledged deal, and the ledger verifies', async () => {
	test.setTimeout(120_000);
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-kill-'));
	const env = { DATABASE_PATH: join(dir, 'huizhan.db'), HUIZHAN_MODE: 'demo' };
	try {
		expect(huizhan(['seed', '--demo'], env).code).toBe(0);
		const app = await startAdmin(PORT, env);
		const token = await signInToken();

		const acknowledged: string[] = [];
		let stop = false;
		let n = 0;
		const writer = async (lane: number) => {
			while (!stop) {
				const requestId = `kill-test-${lane}-${n++}`;
				try {
					const response = await fetch(`${ORIGIN}/api/trpc/deals.record`, {
						method: 'POST',
						headers: {
							'content-type': 'application/json',
							cookie: `hz_session=${token}`,
							origin: ORIGIN
						},
						body: JSON.stringify(
							dealRecord(requestId, {
								projectName: `压测项目 ${requestId}`,
								investor: `压测投资 ${lane}`
							})
						)
					});
					// Acknowledged = the server answered success with the stored entry.
					if (response.ok && (await response.json()).result?.data?.entry?.seq)
						acknowledged.push(requestId);
				} catch {
					return; // the connection died with the process
				}
			}
		};
		const lanes = [0, 1, 2, 3, 4, 5, 6, 7].map(writer);
		// Killed mid-stream once enough is acknowledged, however fast this machine is today.
		await expect.poll(() => acknowledged.length, { timeout: 60_000 }).toBeGreaterThan(20);
		app.kill('SIGKILL');
		await exited(app);
		stop = true;
		await Promise.all(lanes);

		// After the restart every acknowledged request id is in the ledger: a retry is a replay.
		const again = await startAdmin(PORT, env);
		const token2 = await signInToken();
		for (const requestId of acknowledged) {
			const response = await fetch(`${ORIGIN}/api/trpc/deals.record`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					cookie: `hz_session=${token2}`,
					origin: ORIGIN
				},
				body: JSON.stringify(
					dealRecord(requestId, { projectName: `压测项目 ${requestId}`, investor: 'x' })
				)
			});
			const body = await response.json();
			expect(body.result?.data?.replayed, requestId).toBe(true);
		}
		again.kill('SIGTERM');
		await exited(again);

		const verify = huizhan(['ledger', 'verify'], env);
		expect(verify.out).toMatch(/ledger ok: \d+ entries/);
		expect(verify.code).toBe(0);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test('ledger verify names the entry after a field was changed directly in the database file', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-tamper-'));
	const env = { DATABASE_PATH: join(dir, 'huizhan.db') };
	try {
		expect(huizhan(['seed', '--demo'], env).code).toBe(0);
		expect(huizhan(['ledger', 'verify'], env).code).toBe(0);
		// What someone with the file and an SQLite shell could do.
		expect(
			sqlite(env.DATABASE_PATH, [
				'DROP TRIGGER ledger_entries_no_update',
				`UPDATE ledger_entries SET recorded_by = 'someone-else' WHERE seq = 12`
			])
		).toBe(0);
		const verify = huizhan(['ledger', 'verify'], env);
		expect(verify.code).toBe(1);
		expect(verify.out).toContain('entry seq 12');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
