import { expect, test } from 'vitest';
import { drainQueue, type OfflineQueue, type Queued } from './offline-queue.ts';

/** The queue's contract over a Map (IndexedDB is the browser's; the order rule is ours). */
function memoryQueue<T extends Queued>(): OfflineQueue<T> & { items: Map<string, T> } {
	const items = new Map<string, T>();
	return {
		items,
		add: async (scan) => void items.set(scan.nonce, scan),
		all: async () => [...items.values()].sort((a, b) => a.scannedAt - b.scannedAt),
		count: async () => items.size,
		remove: async (nonces) => nonces.forEach((n) => items.delete(n))
	};
}

test('uploads the scans oldest first, in batches, and empties the queue', async () => {
	const queue = memoryQueue<Queued & { code: string }>();
	for (const [nonce, at] of [
		['c', 30],
		['a', 10],
		['b', 20]
	] as const)
		await queue.add({ nonce, scannedAt: at, code: nonce });
	const sent: string[][] = [];
	expect(
		await drainQueue(queue, async (batch) => void sent.push(batch.map((s) => s.nonce)), 2)
	).toBe(3);
	expect(sent).toEqual([['a', 'b'], ['c']]);
	expect(await queue.count()).toBe(0);
});

test('keeps every scan of a batch the network refused, in order, for the next try', async () => {
	const queue = memoryQueue();
	for (const [nonce, at] of [
		['a', 1],
		['b', 2],
		['c', 3]
	] as const)
		await queue.add({ nonce, scannedAt: at });
	let calls = 0;
	await expect(
		drainQueue(
			queue,
			async () => {
				calls += 1;
				if (calls === 2) throw new TypeError('Failed to fetch');
			},
			2
		)
	).rejects.toThrow('Failed to fetch');
	expect((await queue.all()).map((s) => s.nonce)).toEqual(['c']);
});
