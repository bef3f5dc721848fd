import type { Sqlite } from '@huizhan/db';

interface Job<T> {
	run: () => T;
	resolve: (value: T) => void;
	reject: (error: unknown) => void;
}

/**
 * Group commit for small writes that arrive together (check-ins at the morning rush). Jobs
 * submitted during one turn of the event loop run in ONE `BEGIN IMMEDIATE` transaction, each in
 * a savepoint of its own, and are answered only after the commit: with `synchronous = FULL` the
 * batch costs one fsync instead of one per scan, and nothing is acknowledged before it is on
 * disk. A job that throws rolls back its own savepoint only; a failed commit fails every job of
 * the batch (their callers retry with the same nonce, which is safe).
 *
 * Each job still reads and writes inside the immediate transaction, so no other writer — this
 * process or another — can slip in between a job's read and its write.
 */
export class WriteBatch {
	private queue: Job<unknown>[] = [];
	private scheduled = false;
	private readonly flushBatch: (jobs: Job<unknown>[]) => unknown[];
	private readonly savepoint: (job: Job<unknown>) => unknown;

	constructor(
		sqlite: Sqlite,
		/** Jobs per transaction at most: bounds how long one commit holds the write lock. */
		private readonly maxJobs = 256
	) {
		this.savepoint = sqlite.transaction((job: Job<unknown>) => job.run());
		this.flushBatch = sqlite.transaction((jobs: Job<unknown>[]) =>
			jobs.map((job) => {
				try {
					return { ok: true, value: this.savepoint(job) };
				} catch (error) {
					return { ok: false, error };
				}
			})
		).immediate;
	}

	submit<T>(run: () => T): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ run, resolve, reject } as Job<unknown>);
			if (!this.scheduled) {
				this.scheduled = true;
				setImmediate(() => this.flush());
			}
		});
	}

	private flush(): void {
		this.scheduled = false;
		while (this.queue.length > 0) {
			const jobs = this.queue.splice(0, this.maxJobs);
			let outcomes: { ok: boolean; value?: unknown; error?: unknown }[];
			try {
				outcomes = this.flushBatch(jobs) as typeof outcomes;
			} catch (error) {
				for (const job of jobs) job.reject(error);
				continue;
			}
			outcomes.forEach((outcome, i) => {
				const job = jobs[i]!;
				if (outcome.ok) job.resolve(outcome.value);
				else job.reject(outcome.error);
			});
		}
	}
}

const batches = new WeakMap<Sqlite, WriteBatch>();

/** The one batch of a connection: all its check-in writes go through it, in order. */
export function writeBatchFor(sqlite: Sqlite): WriteBatch {
	let batch = batches.get(sqlite);
	if (!batch) {
		batch = new WriteBatch(sqlite);
		batches.set(sqlite, batch);
	}
	return batch;
}
