/**
 * A sliding-window limit per key (a client address), in memory. Enough for slowing floods of
 * registrations or ticket look-ups from one address; not a lock-out (staff sign-in throttling,
 * which must survive restarts, lives in the database). Each app process counts on its own.
 */
export class RateLimiter {
	private readonly hits = new Map<string, number[]>();

	constructor(
		readonly limit: number,
		readonly windowMs: number
	) {}

	/** Records an attempt; false when the key is over its limit (the attempt is not counted). */
	take(key: string, now: number = Date.now()): boolean {
		const since = now - this.windowMs;
		const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
		if (recent.length >= this.limit) {
			this.hits.set(key, recent);
			return false;
		}
		recent.push(now);
		this.hits.set(key, recent);
		if (this.hits.size > 50_000) this.forgetIdle(since);
		return true;
	}

	/** Whether `key` may make another attempt now, without counting one. */
	allows(key: string, now: number = Date.now()): boolean {
		const since = now - this.windowMs;
		return (this.hits.get(key) ?? []).filter((t) => t > since).length < this.limit;
	}

	private forgetIdle(since: number): void {
		for (const [key, times] of this.hits) if (times.every((t) => t <= since)) this.hits.delete(key);
	}
}
