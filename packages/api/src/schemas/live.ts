import { z } from 'zod';

/** `live.snapshot`: now, or the ledger as it stood at an ISO instant (with its offset). */
export const liveSnapshotInput = z
	.object({ asOf: z.iso.datetime({ offset: true }).optional() })
	.optional();

/** A screen link's name as the admin types it (`主会场大屏`). */
export const createScreenInput = z.object({
	label: z.string().trim().min(1, 'required').max(60, 'too_long')
});

export const revokeScreenInput = z.object({ id: z.number().int().positive() });

/** A screen token as it appears in `/screen/<token>`. */
export const openScreenInput = z.object({ token: z.string().min(1).max(100) });
