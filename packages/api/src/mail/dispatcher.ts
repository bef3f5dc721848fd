import nodemailer from 'nodemailer';
import type { Db } from '@huizhan/db';
import { composeMail, type ComposedMail } from './compose.ts';
import {
	claimDueMail,
	markMailFailed,
	markMailSent,
	markMailSkipped,
	withoutAddresses
} from './outbox.ts';

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

export interface MailDispatcherOptions {
	db: Db;
	sender: MailSender;
	/** The ticket page's full address for a secret, on the attendee site. */
	ticketUrl: (secret: string) => string;
	now?: () => Date;
	/** One line per message sent or failed; never an address. */
	log?: (line: string) => void;
	/** How often due messages (retries, a crashed sender's claims) are looked for. */
	pollMs?: number;
	/** Messages claimed at once. */
	batchSize?: number;
}

export interface MailDispatcher {
	/** Look for due messages soon: called after a registration is committed. */
	kick(): void;
	/** Sends everything due now; resolves when the queue holds nothing due. */
	drain(): Promise<{ sent: number; failed: number; skipped: number }>;
	start(): void;
	stop(): Promise<void>;
}

/**
 * Sends the outbox. The process that committed a registration kicks it at once; a timer picks up
 * retries and anything another process left behind. Claims are taken in a transaction, so any
 * number of processes can run one.
 */
export function createMailDispatcher({
	db,
	sender,
	ticketUrl,
	now = () => new Date(),
	log = () => {},
	pollMs = 15_000,
	batchSize = 20
}: MailDispatcherOptions): MailDispatcher {
	let running: Promise<{ sent: number; failed: number; skipped: number }> | null = null;
	let again = false;
	let timer: ReturnType<typeof setInterval> | null = null;
	let stopped = false;

	async function sendOne(message: Awaited<ReturnType<typeof claimDueMail>>[number]) {
		if (message.skip !== null || message.email === null) {
			await markMailSkipped(db, message.id, message.skip ?? 'no email address');
			return 'skipped' as const;
		}
		const composed = composeMail({ ...message.facts, ticketUrl: ticketUrl(message.ticketSecret) });
		try {
			await sender.send({ ...composed, to: message.email });
			await markMailSent(db, message.id, now());
			log(`[huizhan] mail #${message.id} sent (${message.facts.kind})`);
			return 'sent' as const;
		} catch (error) {
			const failure = describeFailure(error);
			const status = await markMailFailed(db, message, failure, now());
			log(
				`[huizhan] mail #${message.id} attempt ${message.attempts} failed${status === 'failed' ? ', giving up' : ', will retry'}: ${withoutAddresses(failure.reason)}`
			);
			return 'failed' as const;
		}
	}

	async function drainOnce() {
		const tally = { sent: 0, failed: 0, skipped: 0 };
		for (;;) {
			again = false;
			const batch = await claimDueMail(db, now(), batchSize);
			if (batch.length === 0) return tally;
			for (const outcome of await Promise.all(batch.map(sendOne))) tally[outcome]++;
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
				drain().catch((error: unknown) => log(`[huizhan] mail sender: ${String(error)}`));
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
			sender.close();
		}
	};
}

/** A 5xx answer is the server's final word; timeouts, refused connections and 4xx are not. */
function describeFailure(error: unknown): { reason: string; permanent: boolean } {
	const responseCode =
		typeof error === 'object' && error !== null && 'responseCode' in error
			? Number((error as { responseCode: unknown }).responseCode)
			: NaN;
	const reason = error instanceof Error ? error.message : String(error);
	return { reason, permanent: responseCode >= 500 && responseCode < 600 };
}
