import { installationMode, type Db, type InstallationMode } from '@huizhan/db';
import { hasActiveAdmin } from './users.ts';

/**
 * Why an app must not start on this database, or null when it may. `declared` is HUIZHAN_MODE
 * as the operator set it: it no longer makes a database a demo (the database's own mode does),
 * but `production` is a promise we hold the database to, so a demo database with its public
 * password is refused rather than served as the real thing.
 */
export async function startupProblem(db: Db, declared: string | undefined): Promise<string | null> {
	if (declared && declared !== 'production' && declared !== 'demo') {
		return (
			`HUIZHAN_MODE must be "production" or "demo" (or unset), not "${declared}".\n` +
			'（HUIZHAN_MODE 只能是 production 或 demo。）'
		);
	}
	const mode = await databaseMode(db);
	if (mode === 'demo' && declared === 'production') {
		return (
			'HUIZHAN_MODE=production, but this is a demo database (made by `npm start` or\n' +
			'`pnpm huizhan seed --demo`): its demo accounts have a public password. Point\n' +
			'DATABASE_PATH at a new file for the real event.\n' +
			'（这是演示数据库，演示账号的密码是公开的；正式活动请使用新的数据库文件。）'
		);
	}
	if (mode === 'production' && !(await hasActiveAdmin(db))) {
		return (
			'No administrator account exists yet in this production database, so the apps cannot start.\n' +
			'Create one first:  pnpm huizhan user add <login> --role admin\n' +
			'（生产数据库中尚无管理员账号，请先用上面的命令创建。）'
		);
	}
	return null;
}

/**
 * The database's mode. Every file database has one from the moment it is created; an undecided
 * one (only a test's in-memory database) is treated as production, the mode that opens nothing.
 */
export async function databaseMode(db: Db): Promise<InstallationMode> {
	return (await installationMode(db)) ?? 'production';
}
