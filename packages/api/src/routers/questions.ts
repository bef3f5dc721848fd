import {
	questionIdInput,
	questionInput,
	questionsOfInput,
	questionUpdateInput
} from '../schemas/questions.ts';
import {
	createQuestion,
	listQuestions,
	removeQuestion,
	updateQuestion
} from '../services/questions.ts';
import { router, staffProcedure } from '../trpc.ts';

const admin = staffProcedure(['admin']);

/** 设置 › 大会 › 报名问题: the questions each category's registrants answer. */
export const questionsRouter = router({
	/** An edition's questions, retired ones too, with how many registrants answered each. */
	list: admin
		.input(questionsOfInput)
		.query(({ ctx, input }) => listQuestions(ctx.db, input.conferenceId)),
	create: admin
		.input(questionInput)
		.mutation(({ ctx, input }) =>
			createQuestion(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	update: admin
		.input(questionUpdateInput)
		.mutation(({ ctx, input }) =>
			updateQuestion(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	/** Deletes a question nobody answered; retires one with answers. */
	remove: admin
		.input(questionIdInput)
		.mutation(({ ctx, input }) =>
			removeQuestion(ctx.db, input.id, { user: ctx.user, source: ctx.source, now: ctx.now() })
		)
});
