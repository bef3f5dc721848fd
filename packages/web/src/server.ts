import { startMailService, type MailService } from '@huizhan/api';
import { createDb, type CreateDbOptions, type Db, type DbHandle } from '@huizhan/db';

/**
 * The process's one database connection, opened (and migrated) on first use: SvelteKit imports
 * server modules while building, and a build must not create a database. Every caller shares the
 * one opening; if it fails, the next call tries again.
 */
export function processDatabase(where: () => CreateDbOptions): () => Promise<DbHandle> {
	let opening: Promise<DbHandle> | undefined;
	return () => {
		if (!opening) {
			const attempt = createDb(where());
			opening = attempt;
			attempt.catch(() => {
				if (opening === attempt) opening = undefined;
			});
		}
		return opening;
	};
}

/** What an app's `$lib/server/env.ts` reads for mail. */
export interface MailConfig {
	smtpUrl: string | undefined;
	mailFrom: string | undefined;
	attendeeOrigin: string | undefined;
}

/**
 * The process's mail sender, started on first use (from the `init` hook, once the database is
 * open) over that database: sends what this process queues at once, and retries and leftovers on
 * a timer. Off without `SMTP_URL`.
 */
export function processMail(config: MailConfig): (db: Db) => MailService {
	let service: MailService | undefined;
	return (db) =>
		(service ??= startMailService({
			db,
			smtpUrl: config.smtpUrl,
			from: config.mailFrom,
			attendeeOrigin: config.attendeeOrigin,
			log: (line) => console.warn(line)
		}));
}
