import { createHash, type KeyObject } from 'node:crypto';
import { publicKeyFromRaw, readTicket, verifyTicket } from '@huizhan/api';
import type { Sqlite } from '@huizhan/db';
import { Refusal, serveJsonPost } from './json-post-server.ts';

/*
 * POST /api/trpc/checkin.scan with nothing but node:http and better-sqlite3: the same work per
 * scan as the admin app's `checkin.scan` — the device's bearer token looked up by its SHA-256,
 * the Ed25519 signature verified with a cached key, the registration and checkpoint read, the
 * admission claimed by INSERT … ON CONFLICT DO NOTHING on the same unique index (or the refusal
 * stored with the admission it ran into), the nonce checked first — with the same group commit
 * (one IMMEDIATE transaction and one fsync per batch, answers after the commit) on the same kind
 * of database, synchronous = FULL. No SvelteKit, no tRPC, no zod, no session hook, and a leaner
 * answer: what the admin app loses against this server is what those cost per scan.
 * Configured like the apps: PORT, HOST, DATABASE_PATH.
 */

interface Scan {
	checkpointId: number;
	code: string;
	nonce: string;
	scannedAt: string | number;
}

const beijingDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** The statements and the per-scan work, over the server's one connection. */
function scanner(sqlite: Sqlite) {
	const deviceByHash = sqlite.prepare<[string], { id: number; conference_id: string }>(
		'SELECT id, conference_id FROM scanner_devices WHERE token_hash = ? AND revoked_at IS NULL'
	);
	const byNonce = sqlite.prepare<[string, string], { id: number; reason: string }>(
		'SELECT id, reason FROM scans WHERE device_id = ? AND nonce = ?'
	);
	const registrationById = sqlite.prepare<
		[number],
		{
			id: number;
			conference_id: string;
			category: string;
			name: string;
			organisation: string;
			status: string;
		}
	>(
		'SELECT id, conference_id, category, name, organisation, status FROM registrations WHERE id = ?'
	);
	const checkpointById = sqlite.prepare<
		[number],
		{ id: number; conference_id: string; allowed_categories: string; entry_rule: string }
	>('SELECT id, conference_id, allowed_categories, entry_rule FROM checkpoints WHERE id = ?');
	const insert = sqlite
		.prepare(
			`INSERT INTO scans (conference_id, checkpoint_id, registration_id, kind, reason, method, entry_key,
				prior_scan_id, device_id, nonce, scanner_device_id, offline, scanned_at, stored_at)
			VALUES (?, ?, ?, 'scan', ?, 'token', ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT DO NOTHING RETURNING id`
		)
		.pluck();
	const standing = sqlite
		.prepare('SELECT id FROM scans WHERE entry_key = ? AND undone_by IS NULL')
		.pluck();
	// eslint-disable-next-line no-restricted-syntax -- this baseline is bare better-sqlite3 on purpose
	const keyRows = sqlite
		.prepare<[], { key_id: string; conference_id: string; public_key: string }>(
			'SELECT key_id, conference_id, public_key FROM ticket_keys'
		)
		.all();
	const keys = new Map<string, { conferenceId: string; key: KeyObject }>(
		keyRows.map((k) => [
			k.key_id,
			{ conferenceId: k.conference_id, key: publicKeyFromRaw(k.public_key) }
		])
	);

	function store(scan: Scan, device: { id: number; conference_id: string }) {
		const deviceId = `scanner-${device.id}`;
		const replay = byNonce.get(deviceId, scan.nonce);
		if (replay) return { scanId: replay.id, reason: replay.reason, replayed: true };
		const checkpoint = checkpointById.get(scan.checkpointId);
		if (!checkpoint || checkpoint.conference_id !== device.conference_id) throw new Error('scope');
		const now = Date.now();
		const scannedAt = new Date(scan.scannedAt).getTime();
		let reason = 'ok';
		let registration: ReturnType<typeof registrationById.get>;
		const claims = readTicket(scan.code);
		const key = claims && keys.get(claims.keyId);
		if (!claims || !key || !verifyTicket(scan.code, () => key.key).ok) reason = 'invalid';
		else {
			registration = registrationById.get(claims.registrationNumber);
			if (!registration) reason = 'unknown';
			else if (registration.conference_id !== checkpoint.conference_id) reason = 'wrong_conference';
			else if (registration.status === 'cancelled' || registration.status === 'rejected')
				reason = 'cancelled';
			else if (registration.status === 'pending') reason = 'not_allowed_here';
			else if (
				!(JSON.parse(checkpoint.allowed_categories) as string[]).includes(registration.category)
			)
				reason = 'not_allowed_here';
		}
		const registrationId = registration?.id ?? null;
		const row = (why: string, entryKey: string | null, prior: number | null) =>
			insert.get(
				checkpoint.conference_id,
				checkpoint.id,
				registrationId,
				why,
				entryKey,
				prior,
				deviceId,
				scan.nonce,
				device.id,
				scannedAt,
				now
			) as number | undefined;
		let scanId: number | undefined;
		if (reason === 'ok') {
			const period = checkpoint.entry_rule === 'once_per_day' ? beijingDate(now) : 'all';
			const entryKey = `${checkpoint.id}:${registrationId}:${period}`;
			scanId = row('ok', entryKey, null);
			if (scanId === undefined) {
				reason = 'already_checked_in';
				scanId = row(reason, null, (standing.get(entryKey) as number | undefined) ?? null);
			}
		} else scanId = row(reason, null, null);
		return {
			scanId,
			reason,
			admitted: reason === 'ok',
			replayed: false,
			attendee: registration
				? {
						name: registration.name,
						organisation: registration.organisation,
						category: registration.category
					}
				: null
		};
	}
	return { deviceByHash, store };
}

await serveJsonPost('checkin-server', '/api/trpc/checkin.scan', ({ sqlite, writes }) => {
	if (!sqlite) throw new Error('checkin-server: a SQLite database file is needed');
	const { deviceByHash, store } = scanner(sqlite);
	// Group commit, as the app does it: the scans of one event-loop turn share a transaction.
	// Each job runs while the batch holds the connection, so its statements are inside the batch's
	// transaction (a savepoint of its own), as the app's drizzle queries are.
	return async (body, request) => {
		const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
		const device = token
			? deviceByHash.get(createHash('sha256').update(token, 'utf8').digest('hex'))
			: undefined;
		if (!device) throw new Refusal(401, { error: 'unknown device' });
		const data = await writes.run(async () => store(body as Scan, device));
		return { status: 200, body: { result: { data } } };
	};
});
