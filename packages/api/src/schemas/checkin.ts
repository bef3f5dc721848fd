import { z } from 'zod';
import { schema } from '@huizhan/db';
import { text } from './text.ts';

/*
 * The check-in commands (issue #6): one schema each, shared by the procedures and the console's
 * form actions. Error messages are codes the apps translate.
 */

const id = z.coerce.number({ error: 'required' }).int().positive().max(2_147_483_647);
const conferenceId = z.string({ error: 'required' }).trim().min(1).max(64);

export const checkpointInput = z.object({
	conferenceId,
	nameZh: text(40),
	nameEn: text(80),
	allowedCategories: z
		.array(z.enum(schema.ATTENDEE_CATEGORIES, { error: 'category_unknown' }), {
			error: 'categories_required'
		})
		.min(1, { error: 'categories_required' })
		.transform((list) => schema.ATTENDEE_CATEGORIES.filter((c) => list.includes(c))),
	entryRule: z.enum(schema.ENTRY_RULES, { error: 'entry_rule_required' }),
	printBadge: z.boolean().default(false),
	/** The session this gate is the door of; none (null) for a gate of the whole conference. */
	sessionId: id.nullable().default(null)
});
export type CheckpointInput = z.infer<typeof checkpointInput>;

export const updateCheckpointInput = checkpointInput
	.omit({ conferenceId: true })
	.extend({ checkpointId: id, active: z.boolean() });

/** The device's own id and per-scan nonce: URL-safe text, no `:` (kept for the server's own). */
const deviceId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'device_id_format' });
const nonce = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'nonce_format' });
/**
 * The device's clock: an ISO instant or epoch milliseconds, within years a scanner can be in.
 * Anything else (`9e15`, a year 1970 clock) is nonsense, refused with 400 before it is judged;
 * believable bounds for offline scans are the service's (`deviceClockBounds`).
 */
const EARLIEST_DEVICE_TIME = Date.UTC(2020, 0, 1);
const LATEST_DEVICE_TIME = Date.UTC(2100, 0, 1);
const deviceTime = z
	.union([z.iso.datetime({ offset: true, error: 'device_time_format' }), z.number().int()], {
		error: 'device_time_format'
	})
	.transform((value) => new Date(value))
	.refine((at) => at.getTime() >= EARLIEST_DEVICE_TIME && at.getTime() < LATEST_DEVICE_TIME, {
		error: 'device_time_range'
	});

const scanFields = {
	checkpointId: id,
	/** A ticket token `HZ1…` (QR or wedge) or a reference `WSC-7K3Q9M`. */
	code: z.string().max(400).optional(),
	/** The search path: the registration chosen from a search. */
	registrationId: id.optional(),
	deviceId: deviceId.optional(),
	nonce,
	scannedAt: deviceTime
};

const oneWayIn = (v: { code?: string | undefined; registrationId?: number | undefined }) =>
	(v.code !== undefined) !== (v.registrationId !== undefined);

export const scanInput = z
	.object(scanFields)
	.refine(oneWayIn, { error: 'code_or_registration', path: ['code'] });

export const offlineScansInput = z.object({
	/** The `generatedAt` of the snapshot the device decided with: no scan can be older. */
	snapshotAt: deviceTime.optional(),
	scans: z
		.array(
			z
				.object({ ...scanFields, deviceReason: z.enum(schema.SCAN_REASONS) })
				.refine(oneWayIn, { error: 'code_or_registration', path: ['code'] })
		)
		.min(1)
		.max(500)
});

export const undoInput = z.object({
	scanId: id,
	note: text(200),
	deviceId: deviceId.optional()
});

export const conferenceInput = z.object({ conferenceId });

export const listCheckpointsInput = z
	.object({ conferenceId: conferenceId.optional(), includeInactive: z.boolean().default(false) })
	.optional();

export const gateSessionsInput = z.object({ conferenceIds: z.array(conferenceId).max(50) });

export const countsInput = z.object({ conferenceId, checkpointId: id.optional() });

export const recentInput = z.object({
	checkpointId: id,
	limit: z.coerce.number().int().min(1).max(50).default(10)
});

export const searchInput = z.object({
	conferenceId,
	text: z.string().trim().min(1, { error: 'required' }).max(100)
});

export const conflictsInput = z.object({
	conferenceId: conferenceId.optional(),
	open: z.boolean().default(true)
});

export const resolveConflictInput = z.object({ conflictId: id, note: text(500) });

export const issueDeviceInput = z.object({
	conferenceId,
	checkpointId: id.optional(),
	name: text(60)
});

export const revokeDeviceInput = z.object({ deviceId: id });
