import type { ScanAnswer, ScanReason } from '@huizhan/api';
import { ANSWER_WITHIN_MS, ApiError, mutate, query, Unreachable } from './api';
import { admittedKeys, judgeOffline, type Snapshot } from './local-rules';
import * as store from './offline-store';

/*
 * The scanner page's state and its one rule: ask the server, and when it does not answer within
 * about two seconds (or the browser is offline) decide on the device with the snapshot, queue
 * the scan with its nonce, and upload the queue once the server answers again.
 */

export interface Verdict {
	/** Unique per verdict shown, so the same person twice is two verdicts. */
	seq: number;
	reason: ScanReason;
	detail: 'pending' | 'rejected' | null;
	admitted: boolean;
	offline: boolean;
	attendee: {
		name: string;
		organisation: string;
		category: string;
		categoryColor: string | null;
	} | null;
	previous: { at: string; checkpointZh: string; checkpointEn: string } | null;
	scanId: number | null;
	undoable: boolean;
	/** Null: no deadline (an admin), or not undoable. */
	undoableUntil: number | null;
	undone: boolean;
	at: number;
	printBadge: boolean;
	registrationId: number | null;
}

export interface Counts {
	turnout: { registered: number; checkedIn: number };
	gates: { checkpointId: number; today: number; total: number }[];
}

export interface Gate {
	conferenceId: string;
	checkpointId: number;
	nameZh: string;
	nameEn: string;
	printBadge: boolean;
	entryRule: string;
	allowedCategories: string[];
	/** The session this gate is the door of: the header names it. */
	session?: {
		titleZh: string;
		titleEn: string;
		hallZh: string;
		hallEn: string;
		startsAt: string;
		endsAt: string;
	} | null;
}

const SNAPSHOT_EVERY_MS = 60_000;
const COUNTS_EVERY_MS = 5_000;
const SYNC_EVERY_MS = 5_000;
const RECENT_KEPT = 12;

export function newNonce(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	return btoa(String.fromCharCode(...bytes))
		.replaceAll('+', '-')
		.replaceAll('/', '_');
}

/** This browser's own id for nonces, kept on the device. */
export function deviceId(): string {
	const KEY = 'hz.checkin.device';
	let id = localStorage.getItem(KEY);
	if (!id) {
		id = `web-${newNonce()}`;
		localStorage.setItem(KEY, id);
	}
	return id;
}

export class Scanner {
	verdict = $state<Verdict | null>(null);
	recent = $state<Verdict[]>([]);
	counts = $state<Counts | null>(null);
	offline = $state(false);
	waiting = $state(0);
	busy = $state(false);
	snapshotAt = $state<number | null>(null);
	problem = $state<string | null>(null);

	private snapshot: Snapshot | null = null;
	private timers: ReturnType<typeof setInterval>[] = [];
	private seq = 0;
	private syncing = false;
	private readonly device = deviceId();

	constructor(readonly gate: Gate) {}

	start(): void {
		void this.loadSnapshot();
		void this.refreshCounts();
		void this.refreshWaiting();
		this.timers.push(
			setInterval(() => void this.loadSnapshot(), SNAPSHOT_EVERY_MS),
			setInterval(() => void this.refreshCounts(), COUNTS_EVERY_MS),
			setInterval(() => void this.sync(), SYNC_EVERY_MS)
		);
		addEventListener('online', this.onOnline);
		addEventListener('offline', this.onOffline);
		if (!navigator.onLine) this.offline = true;
	}

	stop(): void {
		for (const timer of this.timers) clearInterval(timer);
		removeEventListener('online', this.onOnline);
		removeEventListener('offline', this.onOffline);
	}

	private onOnline = () => void this.sync();
	private onOffline = () => (this.offline = true);

	private async loadSnapshot(): Promise<void> {
		const { conferenceId } = this.gate;
		if (navigator.onLine) {
			try {
				const fresh = await query<Snapshot>('checkin.snapshot', { conferenceId });
				await store.saveSnapshot(fresh);
				this.snapshot = fresh;
				this.snapshotAt = Date.now();
				// The server's admissions now include everything this device uploaded.
				if ((await store.queueLength()) === 0) await store.forgetAdmissions(conferenceId);
				return;
			} catch {
				// Keep the copy on the device.
			}
		}
		const kept = await store.loadSnapshot(conferenceId);
		if (kept) {
			this.snapshot = kept;
			this.snapshotAt = kept.savedAt;
		}
	}

	async refreshCounts(): Promise<void> {
		if (!navigator.onLine) return;
		try {
			this.counts = await query<Counts>(
				'checkin.counts',
				{ conferenceId: this.gate.conferenceId },
				ANSWER_WITHIN_MS
			);
		} catch {
			// Shown as they were; the offline banner says why.
		}
	}

	private async refreshWaiting(): Promise<void> {
		this.waiting = await store.queueLength();
	}

	/** One scan: a code from the camera or a wedge scanner, or a person chosen in a search. */
	async submit(input: { code?: string; registrationId?: number }): Promise<Verdict> {
		this.busy = true;
		this.problem = null;
		const nonce = newNonce();
		const scannedAt = Date.now();
		try {
			if (navigator.onLine) {
				try {
					const answer = await mutate<ScanAnswer>(
						'checkin.scan',
						{
							checkpointId: this.gate.checkpointId,
							...input,
							deviceId: this.device,
							nonce,
							scannedAt
						},
						ANSWER_WITHIN_MS
					);
					this.offline = false;
					void this.refreshCounts();
					return this.show(fromAnswer(answer, ++this.seq));
				} catch (error) {
					if (!(error instanceof Unreachable)) throw error;
				}
			}
			this.offline = true;
			return this.show(await this.decideOffline(input, nonce, scannedAt));
		} catch (error) {
			this.problem = error instanceof ApiError ? (error.reason ?? 'unexpected') : 'unexpected';
			throw error;
		} finally {
			this.busy = false;
		}
	}

	private async decideOffline(
		input: { code?: string; registrationId?: number },
		nonce: string,
		scannedAt: number
	): Promise<Verdict> {
		if (!this.snapshot) await this.loadSnapshot();
		const snapshot = this.snapshot;
		if (!snapshot) throw new ApiError(0, 'offline_no_snapshot', 'no snapshot on this device');
		const admitted = admittedKeys(snapshot);
		for (const key of await store.localAdmissions(snapshot.conferenceId)) admitted.add(key);
		const decided = await judgeOffline(
			snapshot,
			this.gate.checkpointId,
			input,
			admitted,
			scannedAt
		);
		await store.queueScan(
			{
				nonce,
				conferenceId: snapshot.conferenceId,
				checkpointId: this.gate.checkpointId,
				...input,
				deviceId: this.device,
				scannedAt,
				deviceReason: decided.reason,
				snapshotAt: Date.parse(snapshot.generatedAt)
			},
			decided.reason === 'ok' ? decided.entryKey : null
		);
		await this.refreshWaiting();
		const colors = snapshot.categoryColors as Record<string, string | undefined>;
		return {
			seq: ++this.seq,
			reason: decided.reason,
			detail: decided.detail,
			admitted: decided.reason === 'ok',
			offline: true,
			attendee: decided.attendee
				? { ...decided.attendee, categoryColor: colors?.[decided.attendee.category] ?? null }
				: null,
			previous: null,
			scanId: null,
			undoable: false,
			undoableUntil: null,
			undone: false,
			at: scannedAt,
			printBadge: this.gate.printBadge,
			registrationId: decided.registrationId
		};
	}

	private show(verdict: Verdict): Verdict {
		this.verdict = verdict;
		this.recent = [verdict, ...this.recent].slice(0, RECENT_KEPT);
		return verdict;
	}

	/** Offline search: by name or organisation in the snapshot (it holds no contacts). */
	async searchOffline(text: string) {
		if (!this.snapshot) await this.loadSnapshot();
		const needle = text.toLowerCase();
		return (this.snapshot?.tickets ?? [])
			.filter(([, name, organisation]) => `${name} ${organisation}`.toLowerCase().includes(needle))
			.slice(0, 10)
			.map(([registrationId, name, organisation, category, status]) => ({
				registrationId,
				name,
				organisation,
				category,
				status,
				reference: null,
				mobile: null
			}));
	}

	dismiss(): void {
		this.verdict = null;
	}

	/** Uploads the queued offline scans; the server judges each again and flags conflicts. */
	async sync(): Promise<void> {
		if (this.syncing || !navigator.onLine) return;
		this.syncing = true;
		try {
			const queued = await store.queuedScans();
			if (queued.length === 0) {
				this.offline = false;
				return;
			}
			for (let i = 0; i < queued.length; i += 500) {
				const batch = queued.slice(i, i + 500);
				// The oldest snapshot in the batch: the server believes no scan older than it.
				const taken = batch.flatMap((s) => (s.snapshotAt === undefined ? [] : [s.snapshotAt]));
				await mutate<{ answers: ScanAnswer[] }>('checkin.uploadOffline', {
					...(taken.length > 0 ? { snapshotAt: Math.min(...taken) } : {}),
					scans: batch.map((s) => ({
						checkpointId: s.checkpointId,
						code: s.code,
						registrationId: s.registrationId,
						deviceId: s.deviceId,
						nonce: s.nonce,
						scannedAt: s.scannedAt,
						deviceReason: s.deviceReason
					}))
				});
				await store.removeQueued(batch.map((s) => s.nonce));
			}
			this.offline = false;
			await this.refreshWaiting();
			await this.loadSnapshot();
			await this.refreshCounts();
		} catch {
			// Still unreachable: the queue stays and the next tick tries again.
		} finally {
			this.syncing = false;
		}
	}

	async undo(verdict: Verdict, note: string): Promise<void> {
		if (verdict.scanId === null) return;
		await mutate('checkin.undo', { scanId: verdict.scanId, note, deviceId: this.device });
		this.recent = this.recent.map((v) => (v.seq === verdict.seq ? { ...v, undone: true } : v));
		void this.refreshCounts();
	}
}

function fromAnswer(answer: ScanAnswer, seq: number): Verdict {
	return {
		seq,
		reason: answer.reason,
		detail: answer.detail,
		admitted: answer.admitted,
		offline: answer.offline,
		attendee: answer.attendee,
		previous: answer.previous,
		scanId: answer.scanId,
		undoable: answer.undoable,
		undoableUntil: answer.undoableUntil ? Date.parse(answer.undoableUntil) : null,
		undone: false,
		at: Date.parse(answer.storedAt),
		printBadge: answer.checkpoint.printBadge,
		registrationId: answer.attendee?.registrationId ?? null
	};
}
