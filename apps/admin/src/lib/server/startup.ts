import { databaseMode, ensureDemoStaff, startupProblem } from '@huizhan/api';
import { config } from './env.ts';
import { database } from './db.ts';

/**
 * Run once before the first request. What the database is decides, not the environment: a demo
 * database gets its demo accounts if missing; a production one never does, and the console will
 * not start without an administrator.
 */
export async function prepareStaffAccounts(): Promise<void> {
	const { db } = await database();
	const problem = await startupProblem(db, config.declaredMode);
	if (problem) {
		console.error(`[huizhan] ${problem.replaceAll('\n', '\n          ')}`);
		throw new Error('the database cannot be served (see above)');
	}
	if ((await databaseMode(db)) === 'demo') {
		const created = await ensureDemoStaff(db, config.demoPassword, new Date());
		if (created.length > 0)
			console.warn(`[huizhan] demo database: created demo staff ${created.join(', ')}`);
		console.warn(
			'[huizhan] demo database: its accounts have a public password; a real event needs a new database'
		);
	} else if (config.declaredMode === 'demo') {
		console.warn(
			'[huizhan] HUIZHAN_MODE=demo is ignored: this database was created for production'
		);
	}
}
