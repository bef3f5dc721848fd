import {
	copyDraftInput,
	createEditionInput,
	editionInput,
	setStatusInput,
	updateCategoryInput,
	updateEditionInput
} from '../schemas/editions.ts';
import {
	copyDraft,
	createEdition,
	getEdition,
	listEditions,
	setEditionStatus,
	updateCategory,
	updateEdition
} from '../services/editions.ts';
import { router, staffProcedure } from '../trpc.ts';

const ADMIN = ['admin'] as const;
const admin = staffProcedure(ADMIN);

/** 设置 › 大会: editions (a conference's yearly instance) and their attendee categories. */
export const editionsRouter = router({
	list: admin.query(({ ctx }) => listEditions(ctx.db, ctx.now())),
	get: admin.input(editionInput).query(({ ctx, input }) => getEdition(ctx.db, input.id, ctx.now())),
	copyDraft: admin.input(copyDraftInput).query(({ ctx, input }) => copyDraft(ctx.db, input.from)),
	create: admin
		.input(createEditionInput)
		.mutation(({ ctx, input }) =>
			createEdition(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	update: admin
		.input(updateEditionInput)
		.mutation(({ ctx, input }) =>
			updateEdition(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	setStatus: admin
		.input(setStatusInput)
		.mutation(({ ctx, input }) =>
			setEditionStatus(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	updateCategory: admin
		.input(updateCategoryInput)
		.mutation(({ ctx, input }) =>
			updateCategory(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		)
});
