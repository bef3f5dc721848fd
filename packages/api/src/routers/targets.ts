import {
	createTargetInput,
	listTargetsInput,
	targetIdInput,
	updateTargetInput
} from '../schemas/targets.ts';
import {
	createTarget,
	listTargets,
	listTargetsByScope,
	setTargetRetired,
	updateTarget
} from '../services/targets.ts';
import { liveTargetsInput } from '../schemas/live.ts';
import { projectionSource } from '../live/sources.ts';
import { unitRanking } from '../live/unit-ranking.ts';
import { beijingDate } from '../services/deals.ts';
import { router, staffProcedure } from '../trpc.ts';

const admin = staffProcedure(['admin']);

/** 设置 › 目标: what leadership is scored on. Every change is audited with old and new values. */
export const targetsRouter = router({
	/** Each conference's live targets and the whole year's. Door staff have no need of them. */
	byScope: staffProcedure(['admin', 'recorder', 'leader']).query(({ ctx }) =>
		listTargetsByScope(ctx.db)
	),
	/** The responsible units against their own targets, as `/live` ranks them. */
	unitRanking: staffProcedure(['admin', 'recorder', 'leader'])
		.input(liveTargetsInput)
		.query(async ({ ctx, input }) =>
			unitRanking(ctx.db, await projectionSource(ctx.db), beijingDate(ctx.now()), input?.year)
		),
	/** Every target for the settings page, retired ones included unless asked otherwise. */
	list: admin.input(listTargetsInput).query(({ ctx, input }) => listTargets(ctx.db, input)),
	create: admin
		.input(createTargetInput)
		.mutation(({ ctx, input }) =>
			createTarget(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	update: admin
		.input(updateTargetInput)
		.mutation(({ ctx, input }) =>
			updateTarget(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	retire: admin
		.input(targetIdInput)
		.mutation(({ ctx, input }) =>
			setTargetRetired(
				ctx.db,
				{ id: input.id, retired: true },
				{ user: ctx.user, source: ctx.source, now: ctx.now() }
			)
		),
	restore: admin
		.input(targetIdInput)
		.mutation(({ ctx, input }) =>
			setTargetRetired(
				ctx.db,
				{ id: input.id, retired: false },
				{ user: ctx.user, source: ctx.source, now: ctx.now() }
			)
		)
});
