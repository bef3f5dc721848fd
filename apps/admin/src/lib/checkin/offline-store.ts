import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ScanReason } from '@huizhan/api';
import type { Snapshot } from './local-rules';

/*
 * What the scanner keeps on the device (IndexedDB): the conference's snapshot, the scans decided
 * offline and not yet uploaded, and the admissions this device made offline (so it refuses a
 * second entry until the server's snapshot knows of the first).
 */

export interface QueuedScan {
	nonce: string;
	conferenceId: string;
	checkpointId: number;
	code?: string;
	registrationId?: number;
	deviceId: string;
	scannedAt: number;
	deviceReason: ScanReason;
	/** When the server made the snapshot this scan was decided with (epoch ms). */
	snapshotAt?: number;
}

interface CheckinDb extends DBSchema {
	snapshots: { key: string; value: Snapshot & { savedAt: number } };
	queue: { key: string; value: QueuedScan; indexes: { byTime: number } };
	admissions: { key: string; value: { entryKey: string; conferenceId: string; at: number } };
}

let opened: Promise<IDBPDatabase<CheckinDb>> | undefined;

function db() {
	opened ??= openDB<CheckinDb>('huizhan-checkin', 1, {
		upgrade(database) {
			database.createObjectStore('snapshots', { keyPath: 'conferenceId' });
			database.createObjectStore('queue', { keyPath: 'nonce' }).createIndex('byTime', 'scannedAt');
			database.createObjectStore('admissions', { keyPath: 'entryKey' });
		}
	});
	return opened;
}

export async function saveSnapshot(snapshot: Snapshot): Promise<void> {
	await (await db()).put('snapshots', { ...snapshot, savedAt: Date.now() });
}

export async function loadSnapshot(conferenceId: string) {
	return (await db()).get('snapshots', conferenceId);
}

/** Queues an offline scan and, for an admission, claims its entry on this device: one transaction. */
export async function queueScan(scan: QueuedScan, admittedKey: string | null): Promise<void> {
	const tx = (await db()).transaction(['queue', 'admissions'], 'readwrite');
	await tx.objectStore('queue').put(scan);
	if (admittedKey) {
		await tx
			.objectStore('admissions')
			.put({ entryKey: admittedKey, conferenceId: scan.conferenceId, at: scan.scannedAt });
	}
	await tx.done;
}

export async function queuedScans(): Promise<QueuedScan[]> {
	return (await db()).getAllFromIndex('queue', 'byTime');
}

export async function queueLength(): Promise<number> {
	return (await db()).count('queue');
}

export async function removeQueued(nonces: string[]): Promise<void> {
	const tx = (await db()).transaction('queue', 'readwrite');
	await Promise.all([...nonces.map((n) => tx.store.delete(n)), tx.done]);
}

export async function localAdmissions(conferenceId: string): Promise<string[]> {
	return (await (await db()).getAll('admissions'))
		.filter((a) => a.conferenceId === conferenceId)
		.map((a) => a.entryKey);
}

/** After an upload the server's snapshot holds these admissions: the device's own copy can go. */
export async function forgetAdmissions(conferenceId: string): Promise<void> {
	const tx = (await db()).transaction('admissions', 'readwrite');
	for (const a of await tx.store.getAll())
		if (a.conferenceId === conferenceId) await tx.store.delete(a.entryKey);
	await tx.done;
}
