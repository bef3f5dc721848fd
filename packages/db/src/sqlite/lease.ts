import { AsyncLocalStorage } from 'node:async_hooks';

/** Who holds the connection: a transaction (with its drizzle handle once begun) or one query. */
export interface Lease {
	active: boolean;
	/** The drizzle transaction of this lease, once begun: nested `db.transaction` calls use it. */
	tx?: unknown;
}

/**
 * Turns for one SQLite connection. better-sqlite3 runs each statement synchronously, but the
 * services are asynchronous: a transaction body awaits its queries, and between two awaits any
 * other request's code may run. Without turns, that code's statements would run inside the open
 * transaction — reading what it has not committed, or writing into it. So the connection is held
 * by one lease at a time: a transaction holds it from BEGIN to COMMIT, a lone query for its own
 * statement. Code running inside a lease (found through AsyncLocalStorage, which follows the
 * awaits of the body) runs at once; everyone else waits for their turn, in order of arrival.
 */
export class ConnectionTurns {
	private readonly lease = new AsyncLocalStorage<Lease>();
	private tail: Promise<void> = Promise.resolve();
	/** Leases waiting or running; for the health page and tests. */
	waiting = 0;

	/** The lease the calling code runs inside, if it is still held. */
	current(): Lease | undefined {
		const lease = this.lease.getStore();
		return lease?.active ? lease : undefined;
	}

	/** Runs `work` outside any lease, whatever the caller holds (for work scheduled for later). */
	outside<T>(work: () => T): T {
		return this.lease.exit(work);
	}

	/** Runs `work` holding the connection; inside a lease already, runs it at once. */
	async hold<T>(work: (lease: Lease) => Promise<T> | T): Promise<T> {
		const held = this.current();
		if (held) return work(held);
		const previous = this.tail;
		let release!: () => void;
		this.tail = new Promise<void>((resolve) => (release = resolve));
		this.waiting += 1;
		await previous;
		const lease: Lease = { active: true };
		try {
			return await this.lease.run(lease, () => work(lease));
		} finally {
			// Anything the body left running (a timer, an unawaited promise) is no longer inside
			// the lease: it waits for a turn like everyone else.
			lease.active = false;
			this.waiting -= 1;
			release();
		}
	}
}
