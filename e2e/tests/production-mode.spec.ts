import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { ownPort } from '../support/origins.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PORT = ownPort(9);

test('in production mode the console refuses to start without an administrator, and says how to make one', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-prod-'));
	try {
		const child = spawn(process.execPath, ['apps/admin/build'], {
			cwd: root,
			env: {
				...process.env,
				HUIZHAN_MODE: 'production',
				DATABASE_PATH: join(dir, 'h.db'),
				PORT: String(PORT),
				HOST: '127.0.0.1',
				ORIGIN: `http://127.0.0.1:${PORT}`
			}
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		const code = await new Promise<number | null>((resolve) => {
			const timer = setTimeout(() => {
				child.kill('SIGKILL');
				resolve(null);
			}, 20_000);
			child.on('exit', (c) => {
				clearTimeout(timer);
				resolve(c);
			});
		});
		expect(code).not.toBe(0);
		expect(code).not.toBeNull();
		expect(output).toContain('pnpm huizhan user add <login> --role admin');
		expect(output).not.toContain('Listening on');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
