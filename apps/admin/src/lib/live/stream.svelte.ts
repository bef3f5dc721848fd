import type { live } from '@huizhan/api';

export type LiveSnapshot = live.LiveSnapshot;

/** What the live indicator says. */
export type LiveStatus =
	'connecting' | 'live' | 'reconnecting' | 'signed_out' | 'revoked' | 'unknown';

/** How long to wait before opening a new stream after the browser gave up on one. */
const RETRY_MS = 2_000;

/**
 * The figures of an open dashboard, kept current by the server's event stream. EventSource
 * reconnects by itself after a cut and sends the id of the last snapshot it had (Last-Event-ID),
 * so the server sends the current one only if it differs. When the browser gives up (a refusal,
 * a proxy error) this asks the endpoint why: a revoked screen link or an ended session stops
 * for good; anything else is tried again.
 */
export class LiveStream {
	snapshot: LiveSnapshot = $state() as LiveSnapshot;
	status: LiveStatus = $state('connecting');
	/** When the last snapshot arrived (or the page's own, at first), in epoch milliseconds. */
	updatedAt: number = $state(0);
	/** Deal ids that arrived with the latest update, to highlight in the ticker. */
	fresh: string[] = $state([]);

	readonly #url: string;
	#source: EventSource | undefined;
	#retry: ReturnType<typeof setTimeout> | undefined;
	#stopped = false;

	constructor(initial: LiveSnapshot, url: string) {
		this.snapshot = initial;
		this.updatedAt = Date.parse(initial.generatedAt);
		this.#url = url;
	}

	start(): void {
		this.#stopped = false;
		this.#open(this.snapshot.version);
	}

	stop(): void {
		this.#stopped = true;
		clearTimeout(this.#retry);
		this.#source?.close();
		this.#source = undefined;
	}

	#open(lastEventId: string | null): void {
		if (this.#stopped) return;
		// A new EventSource cannot send Last-Event-ID itself; the endpoint also reads it here.
		const url = lastEventId ? this.#withParam('lastEventId', lastEventId) : this.#url;
		const source = new EventSource(url);
		this.#source = source;
		source.addEventListener('open', () => {
			this.status = 'live';
		});
		source.addEventListener('snapshot', (event) => {
			const next = JSON.parse((event as MessageEvent<string>).data) as LiveSnapshot;
			const known = this.snapshot.ticker.map((deal) => deal.id);
			this.fresh = next.ticker.map((d) => d.id).filter((id) => !known.includes(id));
			this.snapshot = next;
			this.updatedAt = Date.now();
			this.status = 'live';
		});
		source.addEventListener('ended', (event) => {
			const { reason } = JSON.parse((event as MessageEvent<string>).data) as { reason: string };
			if (reason === 'revoked' || reason === 'signed_out') this.#finish(reason);
			else this.status = 'reconnecting';
		});
		source.addEventListener('error', () => {
			if (this.#stopped) return;
			if (source.readyState === EventSource.CONNECTING) {
				this.status = 'reconnecting';
				return;
			}
			// The browser gave up: find out why before trying again.
			source.close();
			this.status = 'reconnecting';
			void this.#whyClosed().then((outcome) => {
				if (outcome) this.#finish(outcome);
				else this.#retry = setTimeout(() => this.#open(this.snapshot.version), RETRY_MS);
			});
		});
	}

	#finish(status: 'revoked' | 'signed_out' | 'unknown'): void {
		this.status = status;
		this.stop();
	}

	/** Asks the endpoint again and reads only its status (a refusal says why; 2xx is dropped). */
	async #whyClosed(): Promise<'revoked' | 'signed_out' | 'unknown' | null> {
		const abort = new AbortController();
		try {
			const response = await fetch(this.#url, { signal: abort.signal, cache: 'no-store' });
			if (response.status === 410) return 'revoked';
			if (response.status === 404) return 'unknown';
			if (response.status === 401 || response.status === 403) return 'signed_out';
			return null;
		} catch {
			return null;
		} finally {
			abort.abort();
		}
	}

	#withParam(name: string, value: string): string {
		return `${this.#url}${this.#url.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`;
	}
}
