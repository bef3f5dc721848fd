import { z } from 'zod';
import { TARGET_METRICS, TARGET_SCOPES } from '@huizhan/ledger';

/*
 * The console's target forms and the tRPC procedures share these schemas. Messages are stable
 * codes the console translates. The value stays text here: `parseTargetValue` reads it once the
 * metric is known, so `500亿` and `800000000` arrive the same way from a form and from a script.
 */

const isoDate = z
	.string({ error: 'required' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format' })
	.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: 'date_format' });

/** `500亿`, `12.5亿`, `3000万`, `800000000`, or a count; a bare number from a script too. */
const typedValue = z
	.union([z.string(), z.number().int()], { error: 'required' })
	.transform((v) => String(v));

const period = {
	periodStart: isoDate,
	periodEnd: isoDate
};

const periodOrder = (input: { periodStart: string; periodEnd: string }, ctx: z.RefinementCtx) => {
	if (input.periodEnd < input.periodStart) {
		ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'period_order' });
	}
};

export const createTargetInput = z
	.object({
		scope: z.enum(TARGET_SCOPES, { error: 'target_scope' }),
		conferenceId: z
			.string()
			.trim()
			.nullish()
			.transform((v) => v || null),
		unitId: z.coerce
			.number()
			.int()
			.positive()
			.nullish()
			.transform((v) => v ?? null),
		metric: z.enum(TARGET_METRICS, { error: 'target_metric' }),
		value: typedValue,
		...period
	})
	.superRefine(periodOrder);
export type CreateTargetInput = z.output<typeof createTargetInput>;

/** Scope and metric stay: a target measuring something else is a new target. */
export const updateTargetInput = z
	.object({ id: z.number().int().positive(), value: typedValue, ...period })
	.superRefine(periodOrder);
export type UpdateTargetInput = z.output<typeof updateTargetInput>;

export const targetIdInput = z.object({ id: z.number().int().positive() });

export const listTargetsInput = z
	.object({ includeRetired: z.boolean().default(true) })
	.default({ includeRetired: true });
