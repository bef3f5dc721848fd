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
	/**
	 * HUIZHAN_MODE as set. The database's own mode decides what the apps do; `production` here
	 * only refuses a demo database, and any other value than `production` or `demo` is refused.
	 */
	get declaredMode(): string | undefined {
		return env.HUIZHAN_MODE || undefined;
	},
	get demoPassword(): string {
		return env.HUIZHAN_DEMO_PASSWORD || 'huizhan-demo';
	},
	/** `smtp://user:pass@host:587`: when set, attendees are sent their confirmation by email. */
	get smtpUrl(): string | undefined {
		return env.SMTP_URL || undefined;
	},
	get mailFrom(): string | undefined {
		return env.MAIL_FROM || undefined;
	},
	/** The attendee site's public address (`ATTENDEE_ORIGIN`): approval mail links to the ticket there. */
	get attendeeOrigin(): string | undefined {
		return env.ATTENDEE_ORIGIN || undefined;
	},
	/**
	 * `SMS_PROVIDER` (aliyun|tencent) and the rest of `SMS_*` (docs/operations.md): when set,
	 * registrants with a mobile number are sent their messages by SMS too.
	 */
	get sms(): Record<string, string | undefined> {
		return Object.fromEntries(SMS_ENV_NAMES.map((name) => [name, env[name]]));
	}
};
