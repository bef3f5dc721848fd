import { z } from 'zod';
import { FIRST_YEAR, LAST_YEAR } from '../live/year.ts';

/** A calendar year a dashboard may show (`?year=2024`). */
export const dashboardYear = z.coerce
	.number({ error: 'invalid_year' })
	.int('invalid_year')
	.min(FIRST_YEAR, 'invalid_year')
	.max(LAST_YEAR, 'invalid_year');

/**
 * `live.snapshot`: a calendar year (the current one when omitted), now or as the ledger stood
 * at an ISO instant (with its offset).
 */
export const liveSnapshotInput = z
	.object({
		asOf: z.iso.datetime({ offset: true }).optional(),
		year: dashboardYear.optional()
	})
	.optional();

/** `live.targets`: a calendar year, the current one when omitted. */
export const liveTargetsInput = z.object({ year: dashboardYear.optional() }).optional();

/** A screen link's name as the admin types it (`主会场大屏`). */
export const createScreenInput = z.object({
	label: z.string().trim().min(1, 'required').max(60, 'too_long')
});

export const revokeScreenInput = z.object({ id: z.number().int().positive() });

/** A screen token as it appears in `/screen/<token>`. */
export const openScreenInput = z.object({ token: z.string().min(1).max(100) });
