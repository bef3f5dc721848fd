import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/*
 * A phone's queue of scans made while the network was down (IndexedDB, so a reload loses
 * nothing), kept in the order they were made and uploaded in that order when the network is
 * back. Each scan carries the nonce the server deduplicates on: an upload whose answer was lost
 * is simply sent again. The door's scanner keeps its queue the same way (admin
 * `$lib/checkin/offline-store.ts`, which also holds its gate snapshot).
 */

/** What every queued scan has: its nonce (the key) and when it was made (the order). */
export interface Queued {
	nonce: string;
	scannedAt: number;
}

interface QueueDb<T extends Queued> extends DBSchema {
	queue: { key: string; value: T; indexes: { byTime: number } };
}

export interface OfflineQueue<T extends Queued> {
	add(scan: T): Promise<void>;
	/** Every queued scan, oldest first. */
	all(): Promise<T[]>;
	count(): Promise<number>;
	/** Drops the scans the server has answered. */
	remove(nonces: readonly string[]): Promise<void>;
}

/** The queue stored in the IndexedDB database `name` (one per kind of scan). */
export function offlineQueue<T extends Queued>(name: string): OfflineQueue<T> {
	let opened: Promise<IDBPDatabase<QueueDb<T>>> | undefined;
	const db = () =>
		(opened ??= openDB<QueueDb<T>>(name, 1, {
			upgrade(database) {
				database
					.createObjectStore('queue', { keyPath: 'nonce' })
					.createIndex('byTime', 'scannedAt');
			}
		}));
	return {
		async add(scan) {
			await (await db()).put('queue', scan);
		},
		async all() {
			return (await db()).getAllFromIndex('queue', 'byTime');
		},
		async count() {
			return (await db()).count('queue');
		},
		async remove(nonces) {
			const tx = (await db()).transaction('queue', 'readwrite');
			await Promise.all([...nonces.map((n) => tx.store.delete(n)), tx.done]);
		}
	};
}

/**
 * Uploads a queue's scans in order, in batches of `batchSize`, stopping at the first batch the
 * network refuses (the rest wait for the next try). Answers how many were uploaded. A scan is
 * removed only once its batch is answered, so nothing is lost between the two.
 */
export async function drainQueue<T extends Queued>(
	queue: OfflineQueue<T>,
	upload: (batch: T[]) => Promise<void>,
	batchSize = 50
): Promise<number> {
	const waiting = await queue.all();
	let sent = 0;
	for (let i = 0; i < waiting.length; i += batchSize) {
		const batch = waiting.slice(i, i + batchSize);
		await upload(batch);
		await queue.remove(batch.map((s) => s.nonce));
		sent += batch.length;
	}
	return sent;
}
