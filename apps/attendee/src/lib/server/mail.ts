import { startMailService, type MailService } from '@huizhan/api';
import { database } from './db.ts';
import { config } from './env.ts';

let service: MailService | undefined;

/**
 * The process's mail sender, started on first use (from the `init` hook): sends what this
 * process queues at once, and retries and leftovers on a timer. Off without `SMTP_URL`.
 */
export function mail(): MailService {
	service ??= startMailService({
		db: database().db,
		smtpUrl: config.smtpUrl,
		from: config.mailFrom,
		attendeeOrigin: config.attendeeOrigin,
		log: (line) => console.warn(line)
	});
	return service;
}
