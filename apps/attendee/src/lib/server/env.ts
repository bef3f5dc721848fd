import { resolve } from 'node:path';
import { env } from '$env/dynamic/private';
import { SMS_ENV_NAMES } from '@huizhan/api';
import { databaseLocation, type DatabaseLocation } from '@huizhan/db';

/**
 * The only place this app reads its environment (docs/architecture.md, “Configuration”). Relative paths are taken from
 * the directory the server was started in, as `npm start` does from the repository root.
 */
export const config = {
	/** PostgreSQL when DATABASE_URL is set (DATABASE_POOL_SIZE connections), else the SQLite file. */
	get database(): DatabaseLocation {
		return databaseLocation(
			{
				DATABASE_URL: env.DATABASE_URL,
				DATABASE_PATH: env.DATABASE_PATH,
				DATABASE_POOL_SIZE: env.DATABASE_POOL_SIZE
			},
			(path) => resolve(path)
		);
	},
	/** HUIZHAN_MODE as set; the database's own mode decides (see the console's startup). */
	get declaredMode(): string | undefined {
		return env.HUIZHAN_MODE || undefined;
	},
	/**
	 * Registrations and ticket look-ups allowed per client address per minute. A venue's NAT
	 * puts many phones behind one address, so the default is generous; load tests raise it.
	 */
	get registrationsPerMinute(): number {
		const n = Number(env.REGISTRATIONS_PER_MINUTE);
		return Number.isInteger(n) && n > 0 ? n : 60;
	},
	/** `smtp://user:pass@host:587`: when set, attendees are sent their confirmation by email. */
	get smtpUrl(): string | undefined {
		return env.SMTP_URL || undefined;
	},
	get mailFrom(): string | undefined {
		return env.MAIL_FROM || undefined;
	},
	/** This site's public address, for links in attendee mail (`ATTENDEE_ORIGIN`, else `ORIGIN`). */
	get attendeeOrigin(): string | undefined {
		return env.ATTENDEE_ORIGIN || env.ORIGIN || undefined;
	},
	/**
	 * `SMS_PROVIDER` (aliyun|tencent) and the rest of `SMS_*` (docs/operations.md): when set,
	 * registrants with a mobile number are sent their messages by SMS too.
	 */
	get sms(): Record<string, string | undefined> {
		return Object.fromEntries(SMS_ENV_NAMES.map((name) => [name, env[name]]));
	}
};
