import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { row as queryRow, tables, type Db, type schema } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { hashToken } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { assertConferenceExists } from './checkpoints.ts';
import type { ScannerIdentity } from './checkin.ts';

/** Every device token starts so, which makes one easy to recognise in a leaked paste. */
export const DEVICE_TOKEN_PREFIX = 'hzd_';

interface Actor {
	user: StaffUser;
	source: string;
	now: Date;
}

export interface ScannerDeviceView {
	id: number;
	conferenceId: string;
	checkpointId: number | null;
	name: string;
	createdAt: string;
	revokedAt: string | null;
}

/**
 * Issues a bearer token for a PDA or turnstile, scoped to one conference (and optionally one of
 * its checkpoints). The token is shown once; only its SHA-256 is stored. Audited.
 */
export async function issueScannerDevice(
	db: Db,
	input: { conferenceId: string; checkpointId?: number | undefined; name: string },
	actor: Actor
): Promise<{ device: ScannerDeviceView; token: string }> {
	return db.transaction(async (tx) => {
		const { checkpoints, scannerDevices } = tables(tx);
		await assertConferenceExists(tx, input.conferenceId);
		if (input.checkpointId !== undefined) {
			const [checkpoint] = await tx
				.select({ conferenceId: checkpoints.conferenceId })
				.from(checkpoints)
				.where(eq(checkpoints.id, input.checkpointId));
			if (!checkpoint || checkpoint.conferenceId !== input.conferenceId) {
				throw new AppError('BAD_REQUEST', 'checkpoint_not_in_conference', 'wrong checkpoint', {
					field: 'checkpointId'
				});
			}
		}
		const token = DEVICE_TOKEN_PREFIX + randomBytes(32).toString('base64url');
		const [row] = await tx
			.insert(scannerDevices)
			.values({
				conferenceId: input.conferenceId,
				checkpointId: input.checkpointId ?? null,
				name: input.name,
				tokenHash: hashToken(token),
				createdAt: actor.now,
				createdBy: actor.user.id
			})
			.returning();
		if (!row) throw new Error('the scanner device was not stored');
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'scanner_device_issued',
				subjectType: 'scanner_device',
				subjectId: row.id,
				detail: { name: row.name, conferenceId: row.conferenceId, checkpointId: row.checkpointId }
			},
			actor.now
		);
		return { device: view(row), token };
	});
}

export async function revokeScannerDevice(
	db: Db,
	deviceId: number,
	actor: Actor
): Promise<ScannerDeviceView> {
	return db.transaction(async (tx) => {
		const { scannerDevices } = tables(tx);
		const [row] = await tx
			.update(scannerDevices)
			.set({ revokedAt: actor.now, revokedBy: actor.user.id })
			.where(and(eq(scannerDevices.id, deviceId), isNull(scannerDevices.revokedAt)))
			.returning();
		if (!row) {
			throw new AppError('NOT_FOUND', 'device_not_found', `no active scanner device ${deviceId}`);
		}
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'scanner_device_revoked',
				subjectType: 'scanner_device',
				subjectId: row.id,
				detail: { name: row.name, conferenceId: row.conferenceId }
			},
			actor.now
		);
		forgetScannerDevices();
		return view(row);
	});
}

export async function listScannerDevices(db: Db): Promise<ScannerDeviceView[]> {
	const { scannerDevices } = tables(db);
	const rows = await db
		.select()
		.from(scannerDevices)
		.orderBy(desc(scannerDevices.createdAt), desc(scannerDevices.id));
	return rows.map(view);
}

const view = (row: typeof schema.scannerDevices.$inferSelect): ScannerDeviceView => ({
	id: row.id,
	conferenceId: row.conferenceId,
	checkpointId: row.checkpointId,
	name: row.name,
	createdAt: row.createdAt.toISOString(),
	revokedAt: row.revokedAt?.toISOString() ?? null
});

/** How long a resolved token is trusted without asking the database again. */
const DEVICE_CACHE_MS = 2_000;
interface DeviceCache {
	generation: number;
	entries: Map<string, { device: ScannerIdentity; until: number }>;
}
const caches = new WeakMap<Db, DeviceCache>();
/** Bumped by every revocation in this process: cached answers from before are void. */
let generation = 0;

/**
 * The scanner a bearer token belongs to, or null (unknown or revoked). Answers are kept for two
 * seconds, so 64 PDAs scanning flat out cost a lookup each every two seconds rather than one per
 * scan; a revocation in this process clears them at once, one made elsewhere takes effect within
 * the two seconds.
 */
export async function resolveScannerDevice(
	db: Db,
	token: string,
	now: number = Date.now()
): Promise<ScannerIdentity | null> {
	if (!token.startsWith(DEVICE_TOKEN_PREFIX) || token.length > 200) return null;
	const hash = hashToken(token);
	let cache = caches.get(db);
	if (!cache || cache.generation !== generation) {
		cache = { generation, entries: new Map() };
		caches.set(db, cache);
	}
	const cached = cache.entries.get(hash);
	if (cached && cached.until > now) return cached.device;
	const device =
		(await queryRow<ScannerIdentity>(
			db,
			sql`SELECT id, name, conference_id AS "conferenceId", checkpoint_id AS "checkpointId"
			FROM scanner_devices WHERE token_hash = ${hash} AND revoked_at IS NULL`
		)) ?? null;
	// Unknown tokens are not kept: a flood of made-up ones must not fill the memory.
	if (device) {
		if (cache.entries.size > 10_000) cache.entries.clear();
		cache.entries.set(hash, { device, until: now + DEVICE_CACHE_MS });
	}
	return device;
}

/** Forgets every cached token: after a revocation, the next request asks the database. */
export const forgetScannerDevices = (): void => {
	generation += 1;
};
