import type { Db, DbOrTx } from './client.ts';

type Work<T> = (tx: DbOrTx) => T;

interface Pending {
	work: Work<unknown>;
	resolve(value: unknown): void;
	reject(error: unknown): void;
}

export interface GroupCommitOptions {
	/** Most writes committed together; the rest wait for the next turn. */
	maxBatch?: number;
}

/**
 * Group commit: writes that arrive while the event loop is busy are carried out together in one
 * IMMEDIATE transaction, each inside a savepoint of its own, and all are answered once that
 * transaction is committed. With `synchronous = FULL` every commit waits for the disk (an fsync,
 * several milliseconds); sharing one commit among the writes of a busy moment turns that wait
 * from a per-write cost into a per-batch one, and nothing is acknowledged before it is durable.
 *
 * A write that throws rolls back its own savepoint only and its caller gets the error; the
 * others are unaffected. If the commit itself fails, every write of the batch gets that error.
 * A lone write waits one `setImmediate` hop, nothing more.
 */
export class GroupCommit {
	private queue: Pending[] = [];
	private scheduled = false;
	private readonly maxBatch: number;

	constructor(
		private readonly db: Db,
		{ maxBatch = 256 }: GroupCommitOptions = {}
	) {
		this.maxBatch = maxBatch;
	}

	/** Runs `work` in the next batch; resolves with its result once the batch is committed. */
	run<T>(work: Work<T>): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
			this.schedule();
		});
	}

	private schedule() {
		if (this.scheduled) return;
		this.scheduled = true;
		// After the I/O callbacks of this turn: the requests that arrived together join one batch.
		setImmediate(() => this.flush());
	}

	private flush() {
		this.scheduled = false;
		const batch = this.queue.splice(0, this.maxBatch);
		if (this.queue.length > 0) this.schedule();
		if (batch.length === 0) return;
		const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
		try {
			this.db.transaction(
				(tx) => {
					for (const { work } of batch) {
						try {
							outcomes.push({ ok: true, value: tx.transaction((savepoint) => work(savepoint)) });
						} catch (error) {
							outcomes.push({ ok: false, error });
						}
					}
				},
				{ behavior: 'immediate' }
			);
		} catch (error) {
			for (const { reject } of batch) reject(error);
			return;
		}
		batch.forEach(({ resolve, reject }, i) => {
			const outcome = outcomes[i]!;
			if (outcome.ok) resolve(outcome.value);
			else reject(outcome.error);
		});
	}
}
