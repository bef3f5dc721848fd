import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ownPort } from '../support/origins.ts';
import { exited, huizhan, ROOT, sqliteValue, startAdmin } from '../support/processes.ts';

const PORT = ownPort(8);
const ORIGIN = `http://127.0.0.1:${PORT}`;

/** `pnpm huizhan …` without blocking this process, so the writers below go on meanwhile. */
function huizhanBeside(args: string[], env: NodeJS.ProcessEnv) {
	return new Promise<{ code: number | null; out: string }>((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
			cwd: ROOT,
			env: { ...process.env, ...env }
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('exit', (code) => resolve({ code, out }));
	});
}

async function signInToken(): Promise<string> {
	const response = await fetch(`${ORIGIN}/api/trpc/auth.signIn`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ login: 'recorder', password: 'huizhan-demo' })
	});
	return (await response.json()).result.data.token;
}

function record(token: string, requestId: string) {
	return fetch(`${ORIGIN}/api/trpc/deals.record`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: `hz_session=${token}`, origin: ORIGIN },
		body: JSON.stringify({
			requestId,
			acknowledgeDuplicates: true,
			facts: {
				projectName: `备份项目 ${requestId}`,
				investor: '备份测试投资',
				investorOrigin: 'in_province',
				chainId: 1,
				unitId: 1,
				signingEvent: 'wsc-2024',
				signedOn: '2024-11-04',
				agreementType: 'contract',
				totalInvestment: '1.25亿'
			}
		})
	});
}

test('a backup taken while deals are being recorded restores with both apps stopped, and its ledger verifies', async () => {
	// Several processes on a shared machine: a cap for a stuck run, not a speed check.
	test.setTimeout(300_000);
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-restore-'));
	const env = { DATABASE_PATH: join(dir, 'huizhan.db') };
	const backupFile = join(dir, 'backups', 'during-writes.db');
	const apps: ChildProcess[] = [];
	try {
		expect(huizhan(['seed', '--demo'], env).code).toBe(0);
		const app = await startAdmin(PORT, env);
		apps.push(app);
		const token = await signInToken();

		const acknowledged: string[] = [];
		let stop = false;
		let n = 0;
		const writer = async (lane: number) => {
			while (!stop) {
				const requestId = `backup-${lane}-${n++}`;
				const response = await record(token, requestId);
				if (response.ok && (await response.json()).result?.data?.entry?.seq)
					acknowledged.push(requestId);
			}
		};
		const lanes = [0, 1].map(writer);
		await expect.poll(() => acknowledged.length, { timeout: 60_000 }).toBeGreaterThan(10);

		const beforeBackup = [...acknowledged];
		const backup = await huizhanBeside(['backup', backupFile], env);
		expect(backup.out).toMatch(/^backed up .* \(\d+ pages\)/);
		expect(backup.code).toBe(0);

		// While the console runs, restoring is refused and the database goes on taking deals.
		const refused = await huizhanBeside(['restore', backupFile], env);
		expect(refused.out).toMatch(/refused, nothing was changed: .*stop both apps/);
		expect(refused.code).toBe(1);
		const afterRefusal = acknowledged.length;
		await expect.poll(() => acknowledged.length, { timeout: 60_000 }).toBeGreaterThan(afterRefusal);

		stop = true;
		await Promise.all(lanes);
		app.kill('SIGTERM');
		await exited(app);
		const entriesAtStop = sqliteValue(env.DATABASE_PATH, 'SELECT count(*) FROM ledger_entries');

		const restored = huizhan(['restore', backupFile], env);
		expect(restored.out).toMatch(/^restored .* ledger ok, \d+ entries/);
		expect(restored.code).toBe(0);
		const verify = huizhan(['ledger', 'verify'], env);
		expect(verify.out).toMatch(/ledger ok: \d+ entries/);
		expect(verify.code).toBe(0);
		const entriesRestored = sqliteValue(env.DATABASE_PATH, 'SELECT count(*) FROM ledger_entries');
		expect(entriesRestored).toBeLessThan(entriesAtStop as number);

		// Every deal acknowledged before the backup began is in the restored database: recording it
		// again is a replay, not a new entry.
		const again = await startAdmin(PORT, env);
		apps.push(again);
		const token2 = await signInToken();
		for (const requestId of beforeBackup) {
			const body = await (await record(token2, requestId)).json();
			expect(body.result?.data?.replayed, requestId).toBe(true);
		}
		again.kill('SIGTERM');
		await exited(again);
	} finally {
		// A failed run must not leave a console on this port for the next one to talk to.
		for (const app of apps) app.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
});
