import type { Sqlite } from './client.ts';

interface Job {
	run: () => unknown;
	resolve: (value: unknown) => void;
	reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface GroupCommitOptions {
	/** Jobs per transaction at most: bounds how long one commit holds the write lock. */
	maxBatch?: number;
}

/**
 * Group commit for the writes that arrive together (registrations when a conference opens,
 * check-ins at the morning rush, a signing ceremony's deals). Jobs submitted during one turn of
 * the event loop run in ONE `BEGIN IMMEDIATE` transaction, each in a savepoint of its own, and
 * are answered only after the commit: with `synchronous = FULL` a batch costs one fsync instead
 * of one per write, and nothing is acknowledged before it is on disk.
 *
 * A job that throws rolls back its own savepoint only and its caller gets the error; a failed
 * commit fails every job of the batch. Each job still reads and writes inside the immediate
 * transaction, so no other writer — this process or another — can slip in between its read and
 * its write. A job may open transactions of its own (drizzle's `db.transaction`): inside the
 * batch they become savepoints. A lone write waits one `setImmediate` hop, nothing more.
 */
export class GroupCommit {
	private queue: Job[] = [];
	private scheduled = false;
	private readonly maxBatch: number;
	private readonly commitBatch: (jobs: Job[]) => Outcome[];
	/** Batches committed and jobs carried out in them, since this committer was made. */
	readonly stats = { batches: 0, jobs: 0 };

	constructor(sqlite: Sqlite, { maxBatch = 256 }: GroupCommitOptions = {}) {
		this.maxBatch = maxBatch;
		const savepoint = sqlite.transaction((job: Job) => job.run());
		this.commitBatch = sqlite.transaction((jobs: Job[]) =>
			jobs.map((job): Outcome => {
				try {
					return { ok: true, value: savepoint(job) };
				} catch (error) {
					return { ok: false, error };
				}
			})
		).immediate;
	}

	/** Runs `run` in the next batch; resolves with its result once the batch is committed. */
	run<T>(run: () => T): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.queue.push({ run, resolve: resolve as (value: unknown) => void, reject });
			if (!this.scheduled) {
				this.scheduled = true;
				// After this turn's I/O callbacks: the requests that arrived together join one batch.
				setImmediate(() => this.flush());
			}
		});
	}

	private flush(): void {
		this.scheduled = false;
		while (this.queue.length > 0) {
			const jobs = this.queue.splice(0, this.maxBatch);
			let outcomes: Outcome[];
			try {
				outcomes = this.commitBatch(jobs);
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

const committers = new WeakMap<Sqlite, GroupCommit>();

/**
 * The one group commit of a connection. Every high-rate writer of a process goes through it, so
 * writes of different kinds share commits too and run in the order they arrived.
 */
export function groupCommitFor(sqlite: Sqlite): GroupCommit {
	let committer = committers.get(sqlite);
	if (!committer) {
		committer = new GroupCommit(sqlite);
		committers.set(sqlite, committer);
	}
	return committer;
}
