import type { SqliteConnection } from './sqlite/open.ts';
import { lockedTransaction } from './tables.ts';
import type { Db, Tx } from './types.ts';

/** A write job: runs inside a transaction, which it is given. */
export type WriteJob<T> = (tx: Tx) => Promise<T>;

/**
 * Where the high-rate writers of a process (registrations, scans, deals) send their writes. Each
 * job runs in a transaction of its own (a savepoint, on SQLite) and is answered only after its
 * transaction has committed.
 */
export interface WriteOptions {
	/**
	 * What the job's writes meet other writers on (`ledger`, `capacity:wsc-2027`): on PostgreSQL
	 * its transaction takes these locks first (`lockedTransaction`); on SQLite every write
	 * transaction already runs alone.
	 */
	locks?: readonly string[];
}

export interface Writes {
	run<T>(job: WriteJob<T>, options?: WriteOptions): Promise<T>;
	/** Transactions committed and jobs carried out in them, since the process started. */
	readonly stats: { batches: number; jobs: number };
}

interface Job {
	run: WriteJob<unknown>;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitOptions {
	/** Jobs per transaction at most: bounds how long one commit holds the write lock. */
	maxBatch?: number;
}

/**
 * Group commit for SQLite, for the writes that arrive together (registrations when a conference
 * opens, check-ins at the morning rush, a signing ceremony's deals). Jobs submitted during one turn
 * of the event loop run in ONE `BEGIN IMMEDIATE` transaction, each in a savepoint of its own, and
 * are answered only after the commit: with `synchronous = FULL` a batch costs one fsync instead
 * of one per write, and nothing is acknowledged before it is on disk.
 *
 * A job that throws rolls back its own savepoint only and its caller gets the error; a failed
 * commit fails every job of the batch. Each job still reads and writes inside the immediate
 * transaction, so no other writer — this process or another — can slip in between its read and
 * its write. A job may open transactions of its own (`db.transaction`): inside the batch they
 * become savepoints. A lone write waits one `setImmediate` hop, nothing more.
 */
export class GroupCommit implements Writes {
	private queue: Job[] = [];
	private scheduled = false;
	private readonly maxBatch: number;
	readonly stats = { batches: 0, jobs: 0 };

	constructor(
		private readonly connection: SqliteConnection,
		{ maxBatch = 256 }: GroupCommitOptions = {}
	) {
		this.maxBatch = maxBatch;
	}

	/** Runs `job` in the next batch; resolves with its result once the batch is committed. */
	run<T>(job: WriteJob<T>, _options?: WriteOptions): Promise<T> {
		// Asked from inside a transaction: waiting for the next batch would wait for that very
		// transaction to end, so the job becomes a savepoint of it instead.
		const lease = this.connection.turns.current();
		if (lease?.tx) return (lease.tx as Tx).transaction((sp) => job(sp as Tx));
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ run: job, resolve: resolve as (value: unknown) => void, reject });
			if (!this.scheduled) {
				this.scheduled = true;
				// After this turn's I/O callbacks: the requests that arrived together join one batch.
				setImmediate(() => this.connection.turns.outside(() => void this.flush()));
			}
		});
	}

	private async flush(): Promise<void> {
		this.scheduled = false;
		while (this.queue.length > 0) {
			const jobs = this.queue.splice(0, this.maxBatch);
			let outcomes: Outcome[];
			try {
				outcomes = await this.connection.immediate(async (tx) => {
					const done: Outcome[] = [];
					for (const job of jobs) {
						try {
							done.push({ ok: true, value: await tx.transaction((sp) => job.run(sp as Tx)) });
						} catch (error) {
							done.push({ ok: false, error });
						}
					}
					return done;
				});
			} catch (error) {
				for (const job of jobs) job.reject(error);
				continue;
			}
			this.stats.batches += 1;
			this.stats.jobs += jobs.length;
			outcomes.forEach((outcome, i) => {
				const job = jobs[i]!;
				if (outcome.ok) job.resolve(outcome.value);
				else job.reject(outcome.error);
			});
		}
	}
}

/**
 * Writes on a server database: each job is its own transaction. PostgreSQL shares the fsync of
 * commits arriving together itself, and many connections write at once, so there is nothing to
 * batch in the process. A job naming locks first waits for this process's other jobs on them
 * (`KeyQueue`), then takes them in the database (`lockedTransaction`) against other instances.
 */
export class TransactionPerWrite implements Writes {
	readonly stats = { batches: 0, jobs: 0 };
	private readonly queue = new KeyQueue();
	constructor(private readonly db: Db) {}

	async run<T>(job: WriteJob<T>, { locks }: WriteOptions = {}): Promise<T> {
		const value = locks?.length
			? await this.queue.hold(locks, () => lockedTransaction(this.db, locks, job))
			: await this.db.transaction((tx) => job(tx as Tx));
		this.stats.batches += 1;
		this.stats.jobs += 1;
		return value;
	}
}

/**
 * Jobs of this process wait here, in order, for the keys they name before they take a connection.
 * A transaction waiting for an advisory lock holds one of the pool's few connections while it
 * waits: a busy key (one ticket scanned by many lanes, a conference's seats at opening) would take
 * them all and leave nothing for the writes that wait for nothing. In the process the wait costs
 * nothing; the advisory lock still orders this process's holder against other instances'.
 */
export class KeyQueue {
	private readonly tails = new Map<string, Promise<void>>();

	async hold<T>(keys: readonly string[], work: () => Promise<T>): Promise<T> {
		const releases: (() => void)[] = [];
		try {
			// In the same order as the advisory locks: two jobs wanting two keys cannot deadlock.
			for (const key of [...new Set(keys)].sort()) {
				const previous = this.tails.get(key);
				let release!: () => void;
				const mine = new Promise<void>((resolve) => (release = resolve));
				this.tails.set(key, mine);
				releases.push(() => {
					release();
					if (this.tails.get(key) === mine) this.tails.delete(key);
				});
				if (previous) await previous;
			}
			return await work();
		} finally {
			for (const release of releases) release();
		}
	}

	/** Keys some job holds or waits for: none once all are done. */
	get busy(): number {
		return this.tails.size;
	}
}
