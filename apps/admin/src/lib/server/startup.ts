import { ensureDemoStaff, hasActiveAdmin } from '@huizhan/api';
import { config } from './env.ts';
import { database } from './db.ts';

/**
 * Run once before the first request. In demo mode the demo accounts are created if missing; in
 * production none ever is, and the console will not start without an administrator.
 */
export async function prepareStaffAccounts(): Promise<void> {
	const { db } = database();
	if (config.mode === 'demo') {
		const created = await ensureDemoStaff(db, config.demoPassword, new Date());
		if (created.length > 0)
			console.warn(`[huizhan] demo mode: created demo staff ${created.join(', ')}`);
		console.warn('[huizhan] demo mode: set HUIZHAN_MODE=production for a real event');
		return;
	}
	if (!hasActiveAdmin(db)) {
		const message =
			'[huizhan] no administrator account exists yet, so the console cannot start in production.\n' +
			'          Create one first:  pnpm huizhan user add <login> --role admin\n' +
			'          （生产模式下尚无管理员账号，请先用上面的命令创建。）';
		console.error(message);
		throw new Error('no administrator account (HUIZHAN_MODE=production)');
	}
}
