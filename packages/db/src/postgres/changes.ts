import pg from 'pg';

/** The channel the database's triggers notify on after a commit that changed live figures. */
export const LIVE_CHANNEL = 'huizhan_live';

/**
 * Tells a process, within milliseconds, that another process (on any machine) committed a change
 * the live pages show. Nothing is carried in the notification: the listener asks the database
 * for the current version, so a lost or coalesced notification costs nothing but a moment.
 */
export interface ChangeFeed {
	/** Calls `onChange` after each change, and after every (re)connection: a catch-up point. */
	subscribe(onChange: () => void): () => void;
	close(): Promise<void>;
}

export interface ChangeFeedOptions {
	url: string;
	channel?: string;
	/** Where a lost connection is reported; it is reopened after a pause that grows to 10 s. */
	onError?: (error: unknown) => void;
}

/**
 * One listening connection per process (not per client, not per request), opened when the first
 * subscriber arrives. PostgreSQL delivers NOTIFY only after the notifying transaction commits,
 * so a subscriber never hears of a write it could not yet read.
 */
export function listenForChanges({
	url,
	channel = LIVE_CHANNEL,
	onError = () => {}
}: ChangeFeedOptions): ChangeFeed {
	const listeners = new Set<() => void>();
	let client: pg.Client | null = null;
	let closed = false;
	let failures = 0;
	let retry: ReturnType<typeof setTimeout> | null = null;

	const emit = () => {
		for (const listener of listeners) listener();
	};

	const connect = async () => {
		if (closed || client) return;
		const next = new pg.Client({ connectionString: url, application_name: 'huizhan-live' });
		client = next;
		const lost = (error: unknown) => {
			if (client !== next) return;
			client = null;
			next.removeAllListeners();
			void next.end().catch(() => {});
			if (closed) return;
			onError(error);
			failures += 1;
			retry = setTimeout(() => void connect(), Math.min(10_000, 250 * 2 ** failures));
			retry.unref?.();
		};
		next.on('error', lost);
		next.on('end', () => lost(new Error('the listening connection to PostgreSQL ended')));
		next.on('notification', (message) => {
			if (message.channel === channel) emit();
		});
		try {
			await next.connect();
			// Identifiers cannot be bound as parameters; the channel is ours, never user input.
			await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
			failures = 0;
			// Whatever was committed while nobody listened is read now.
			emit();
		} catch (error) {
			lost(error);
		}
	};

	return {
		subscribe(onChange) {
			listeners.add(onChange);
			void connect();
			return () => listeners.delete(onChange);
		},
		async close() {
			closed = true;
			if (retry) clearTimeout(retry);
			const open = client;
			client = null;
			if (open) {
				open.removeAllListeners();
				await open.end().catch(() => {});
			}
		}
	};
}
