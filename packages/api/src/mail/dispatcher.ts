import nodemailer from 'nodemailer';
import type { Db } from '@huizhan/db';
import type { SmsSettings } from '../sms/config.ts';
import { SMS_TIMEOUT_MS } from '../sms/provider.ts';
import { composeMail, composeSms, type ComposedMail } from './compose.ts';
import {
	CLAIM_LEASE_MS,
	claimDue,
	deferMessage,
	markFailed,
	markSent,
	markSkipped,
	textsSentTo,
	withoutAddresses,
	type ClaimedMessage,
	type MessageLink
} from './outbox.ts';
import { queueReminders } from './reminders.ts';

/** Hands one message to a mail server; throws when the server does not take it. */
export interface MailSender {
	send(message: ComposedMail & { to: string }): Promise<void>;
	close(): void;
}

/**
 * nodemailer over `SMTP_URL` (`smtp://user:pass@host:587`, `smtps://…:465`). Pooled, so a burst
 * of registrations shares a few connections; timeouts well inside the outbox's claim lease.
 */
export function smtpSender(url: string, from: string): MailSender {
	const transport = nodemailer.createTransport(
		{
			url,
			pool: true,
			maxConnections: 2,
			connectionTimeout: 10_000,
			greetingTimeout: 10_000,
			socketTimeout: 30_000
		},
		{ from }
	);
	return {
		async send(message) {
			await transport.sendMail(message);
		},
		close: () => transport.close()
	};
}

export interface MessageDispatcherOptions {
	db: Db;
	/** Null: mail is not configured, and mail messages are skipped saying so. */
	sender: MailSender | null;
	/** Null: SMS is not configured, and SMS messages are skipped saying so. */
	sms?: SmsSettings | null;
	/** A link's full address on the attendee site (`/ticket/…`, `/i/…`, `/d/…`). */
	linkUrl: (link: MessageLink) => string;
	now?: () => Date;
	/** One line per message sent or failed; never an address, a number or a secret. */
	log?: (line: string) => void;
	/** How often due messages (retries, a crashed sender's claims) are looked for. */
	pollMs?: number;
	/** Messages claimed at once, per channel. */
	batchSize?: number;
	/** How often the day-before reminders are looked for; 0 turns them off. */
	remindersEveryMs?: number;
}

export interface DrainTally {
	sent: number;
	failed: number;
	skipped: number;
	/** SMS put back to wait because the number had its share of texts for now. */
	deferred: number;
}

export interface MessageDispatcher {
	/** Look for due messages soon: called after a change that queued one is committed. */
	kick(): void;
	/** Sends everything due now; resolves when the queue holds nothing due. */
	drain(): Promise<DrainTally>;
	start(): void;
	stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;
/**
 * A number's texts are sent one after another, each allowed SMS_TIMEOUT_MS: a batch must end
 * inside the claim lease, or another sender could take (and send again) its last ones.
 */
const SMS_BATCH = Math.floor(CLAIM_LEASE_MS / SMS_TIMEOUT_MS / 2);

/**
 * Sends the outbox, mail and SMS. The process that committed a change kicks it at once; a timer
 * picks up retries, anything another process left behind and the day-before reminders. Claims
 * are taken in a transaction, so any number of processes can run one.
 */
export function createMessageDispatcher({
	db,
	sender,
	sms = null,
	linkUrl,
	now = () => new Date(),
	log = () => {},
	pollMs = 15_000,
	batchSize = 20,
	remindersEveryMs = 10 * 60_000
}: MessageDispatcherOptions): MessageDispatcher {
	let running: Promise<DrainTally> | null = null;
	let again = false;
	let timer: ReturnType<typeof setInterval> | null = null;
	let stopped = false;
	let remindersLookedAt = -Infinity;

	async function failed(message: ClaimedMessage, failure: { reason: string; permanent: boolean }) {
		const status = await markFailed(db, message, failure, now());
		log(
			`[huizhan] ${message.channel} #${message.id} attempt ${message.attempts} failed${status === 'failed' ? ', giving up' : ', will retry'}: ${withoutAddresses(failure.reason)}`
		);
		return 'failed' as const;
	}

	async function sendMail(message: ClaimedMessage, to: string) {
		if (!sender) {
			await markSkipped(db, message.id, 'mail is not configured');
			return 'skipped' as const;
		}
		const composed = composeMail({ ...message.facts, link: linkUrl(message.link) });
		try {
			await sender.send({ ...composed, to });
		} catch (error) {
			return failed(message, describeMailFailure(error));
		}
		await markSent(db, message.id, now());
		log(`[huizhan] mail #${message.id} sent (${message.facts.kind})`);
		return 'sent' as const;
	}

	async function sendSms(message: ClaimedMessage, mobile: string) {
		if (!sms) {
			await markSkipped(db, message.id, 'SMS is not configured');
			return 'skipped' as const;
		}
		const at = now();
		// Our own per-number limit, under the provider's: over it the text waits, it is not dropped.
		const sent = await textsSentTo(db, mobile, at);
		if (sent.lastHour >= sms.limits.perHour) {
			await deferMessage(
				db,
				message,
				new Date(at.getTime() + HOUR_MS / 6),
				'waiting: hourly limit for this number'
			);
			return 'deferred' as const;
		}
		if (sent.lastDay >= sms.limits.perDay) {
			await deferMessage(
				db,
				message,
				new Date(at.getTime() + HOUR_MS),
				'waiting: daily limit for this number'
			);
			return 'deferred' as const;
		}
		const template = sms.templates[message.facts.kind];
		// Without an English template, English speakers get the Chinese one, filled in Chinese.
		const english = message.facts.language === 'en' && template.en !== undefined;
		const composed = composeSms({
			...message.facts,
			language: english ? 'en' : 'zh-CN',
			link: linkUrl(message.link)
		});
		const result = await sms.provider.send({
			mobile,
			templateId: english ? (template.en ?? template.zh) : template.zh,
			params: composed.params,
			signName: sms.signName
		});
		if (!result.ok) {
			return failed(message, {
				reason: `${sms.provider.name} ${result.code}: ${result.message}`,
				permanent: result.permanent
			});
		}
		await markSent(db, message.id, now());
		log(`[huizhan] sms #${message.id} sent (${message.facts.kind})`);
		return 'sent' as const;
	}

	async function sendOne(message: ClaimedMessage) {
		if (message.skip !== null || message.to === null) {
			await markSkipped(db, message.id, message.skip ?? 'no address');
			return 'skipped' as const;
		}
		return message.channel === 'mail'
			? sendMail(message, message.to)
			: sendSms(message, message.to);
	}

	async function drainOnce() {
		const tally: DrainTally = { sent: 0, failed: 0, skipped: 0, deferred: 0 };
		if (remindersEveryMs > 0 && now().getTime() - remindersLookedAt >= remindersEveryMs) {
			remindersLookedAt = now().getTime();
			const queued = await queueReminders(db, now());
			if (queued > 0) log(`[huizhan] ${queued} reminders queued for tomorrow's opening`);
		}
		for (;;) {
			again = false;
			const mail = await claimDue(db, 'mail', now(), batchSize);
			const texts = await claimDue(db, 'sms', now(), Math.min(batchSize, SMS_BATCH));
			if (mail.length === 0 && texts.length === 0) return tally;
			const byNumber = new Map<string | null, ClaimedMessage[]>();
			for (const text of texts) byNumber.set(text.to, [...(byNumber.get(text.to) ?? []), text]);
			const outcomes: (keyof DrainTally | (keyof DrainTally)[])[] = await Promise.all([
				...mail.map(sendOne),
				// Different numbers at once; one number's texts one after another, so each sees the
				// one before it in the per-number limit.
				...[...byNumber.values()].map(async (group) => {
					const done: (keyof DrainTally)[] = [];
					for (const message of group) done.push(await sendOne(message));
					return done;
				})
			]);
			for (const outcome of outcomes.flat()) tally[outcome]++;
			if (stopped) return tally;
		}
	}

	const drain = () => {
		running ??= drainOnce().finally(() => {
			running = null;
			// A kick that arrived as the last pass ended is not lost.
			if (again && !stopped) kick();
		});
		return running;
	};

	function kick() {
		if (stopped) return;
		if (running) again = true;
		else
			setImmediate(() => {
				drain().catch((error: unknown) => log(`[huizhan] message sender: ${String(error)}`));
			});
	}

	return {
		kick,
		drain,
		start() {
			timer ??= setInterval(kick, pollMs);
			timer.unref();
		},
		async stop() {
			stopped = true;
			if (timer) clearInterval(timer);
			await running;
			sender?.close();
		}
	};
}

/** A 5xx answer is the server's final word; timeouts, refused connections and 4xx are not. */
function describeMailFailure(error: unknown): { reason: string; permanent: boolean } {
	const responseCode =
		typeof error === 'object' && error !== null && 'responseCode' in error
			? Number((error as { responseCode: unknown }).responseCode)
			: NaN;
	const reason = error instanceof Error ? error.message : String(error);
	return { reason, permanent: responseCode >= 500 && responseCode < 600 };
}
