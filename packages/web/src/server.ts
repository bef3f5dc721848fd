import { startMailService, type MailService } from '@huizhan/api';
import { createDb, type DbHandle } from '@huizhan/db';

/**
 * The process's one database connection, opened (and migrated) on first use: SvelteKit imports
 * server modules while building, and a build must not create a database.
 */
export function processDatabase(path: () => string): () => DbHandle {
	let handle: DbHandle | undefined;
	return () => (handle ??= createDb({ path: path() }));
}

/** What an app's `$lib/server/env.ts` reads for mail. */
export interface MailConfig {
	smtpUrl: string | undefined;
	mailFrom: string | undefined;
	attendeeOrigin: string | undefined;
}

/**
 * The process's mail sender, started on first use (from the `init` hook): sends what this
 * process queues at once, and retries and leftovers on a timer. Off without `SMTP_URL`.
 */
export function processMail(database: () => DbHandle, config: MailConfig): () => MailService {
	let service: MailService | undefined;
	return () =>
		(service ??= startMailService({
			db: database().db,
			smtpUrl: config.smtpUrl,
			from: config.mailFrom,
			attendeeOrigin: config.attendeeOrigin,
			log: (line) => console.warn(line)
		}));
}
