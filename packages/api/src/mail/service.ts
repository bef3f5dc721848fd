import type { Db } from '@huizhan/db';
import type { MailHooks } from '../context.ts';
import { createMailDispatcher, smtpSender } from './dispatcher.ts';

export interface MailSettings {
	db: Db;
	/** `SMTP_URL`; without it no mail is queued or sent. */
	smtpUrl: string | undefined;
	/** `MAIL_FROM`; defaults to a no-reply address on the attendee site's host. */
	from: string | undefined;
	/** The attendee site's public origin, for the ticket link; without it this process only queues. */
	attendeeOrigin: string | undefined;
	log: (line: string) => void;
}

export interface MailService extends MailHooks {
	stop(): Promise<void>;
}

/**
 * What an app runs at start-up. A process that knows the attendee site's address sends; one that
 * does not (a console without `ATTENDEE_ORIGIN`) still queues, and the attendee site's sender
 * picks its messages up on its next pass.
 */
export function startMailService({
	db,
	smtpUrl,
	from,
	attendeeOrigin,
	log
}: MailSettings): MailService {
	if (!smtpUrl) return { enabled: false, kick: () => {}, stop: async () => {} };
	if (!attendeeOrigin) {
		log('[huizhan] mail: no attendee site address here; messages are queued for it to send');
		return { enabled: true, kick: () => {}, stop: async () => {} };
	}
	const origin = attendeeOrigin.replace(/\/+$/, '');
	const sender = smtpSender(
		smtpUrl,
		from || `"会展报名 Huizhan" <noreply@${new URL(origin).hostname}>`
	);
	const dispatcher = createMailDispatcher({
		db,
		sender,
		ticketUrl: (secret) => `${origin}/ticket/${secret}`,
		log
	});
	dispatcher.start();
	// Whatever a stopped process left queued goes out now, not at the first timer tick.
	dispatcher.kick();
	return { enabled: true, kick: dispatcher.kick, stop: dispatcher.stop };
}
