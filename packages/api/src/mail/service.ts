import type { Db } from '@huizhan/db';
import type { MailHooks } from '../context.ts';
import type { SmsSettings } from '../sms/config.ts';
import { createMessageDispatcher, smtpSender } from './dispatcher.ts';

export interface MessageSettings {
	db: Db;
	/** `SMTP_URL`; without it mail messages are skipped. */
	smtpUrl: string | undefined;
	/** `MAIL_FROM`; defaults to a no-reply address on the attendee site's host. */
	from: string | undefined;
	/** From `SMS_*` (`smsSettings`); null: SMS messages are skipped. */
	sms: SmsSettings | null;
	/** The attendee site's public origin, for the links; without it this process only queues. */
	attendeeOrigin: string | undefined;
	log: (line: string) => void;
}

export interface MessageService extends MailHooks {
	stop(): Promise<void>;
}

const LINK_PATHS = { ticket: 'ticket', invitation: 'i', delegation: 'd' } as const;

/**
 * What an app runs at start-up. With neither mail nor SMS configured nothing is queued. A process
 * that knows the attendee site's address sends; one that does not (a console without
 * `ATTENDEE_ORIGIN`) still queues, and the attendee site's sender picks its messages up on its
 * next pass.
 */
export function startMessageService({
	db,
	smtpUrl,
	from,
	sms,
	attendeeOrigin,
	log
}: MessageSettings): MessageService {
	const channels = { mail: Boolean(smtpUrl), sms: sms !== null };
	const enabled = channels.mail || channels.sms;
	if (!enabled) return { enabled, channels, kick: () => {}, stop: async () => {} };
	if (!attendeeOrigin) {
		log('[huizhan] messages: no attendee site address here; messages are queued for it to send');
		return { enabled, channels, kick: () => {}, stop: async () => {} };
	}
	const origin = attendeeOrigin.replace(/\/+$/, '');
	const sender = smtpUrl
		? smtpSender(smtpUrl, from || `"会展报名 Huizhan" <noreply@${new URL(origin).hostname}>`)
		: null;
	const dispatcher = createMessageDispatcher({
		db,
		sender,
		sms,
		linkUrl: (link) => `${origin}/${LINK_PATHS[link.to]}/${link.secret}`,
		log
	});
	dispatcher.start();
	// Whatever a stopped process left queued goes out now, not at the first timer tick.
	dispatcher.kick();
	return { enabled, channels, kick: dispatcher.kick, stop: dispatcher.stop };
}
