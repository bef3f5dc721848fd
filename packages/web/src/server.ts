import { smsSettings, startMessageService, type MessageService } from '@huizhan/api';
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

/** What an app's `$lib/server/env.ts` reads for attendee messages. */
export interface MailConfig {
	smtpUrl: string | undefined;
	mailFrom: string | undefined;
	attendeeOrigin: string | undefined;
	/** The `SMS_*` variables as set (`SMS_ENV_NAMES`). */
	sms: Record<string, string | undefined>;
}

/**
 * The process's message sender (mail and SMS), started on first use (from the `init` hook, once
 * the database is open) over that database: sends what this process queues at once, and retries,
 * leftovers and the day-before reminders on a timer. Off without `SMTP_URL` and `SMS_PROVIDER`.
 * A wrong SMS configuration throws here, at start-up, naming the variable.
 */
export function processMail(config: MailConfig): (db: Db) => MessageService {
	let service: MessageService | undefined;
	return (db) =>
		(service ??= startMessageService({
			db,
			smtpUrl: config.smtpUrl,
			from: config.mailFrom,
			sms: smsSettings(config.sms),
			attendeeOrigin: config.attendeeOrigin,
			log: (line) => console.warn(line)
		}));
}
