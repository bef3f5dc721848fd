import {
	createOrganisationInput,
	moveOrganisationInput,
	organisationItemInput,
	renameOrganisationInput,
	setOrganisationActiveInput
} from '../schemas/organisation.ts';
import {
	createOrganisationItem,
	deleteOrganisationItem,
	listOrganisation,
	moveOrganisationItem,
	renameOrganisationItem,
	setOrganisationItemActive
} from '../services/organisation.ts';
import { router, staffProcedure } from '../trpc.ts';

const admin = staffProcedure(['admin']);

/** 设置 › 组织: industry chains (产业链) and responsible units (责任单位). Every change is audited. */
export const organisationRouter = router({
	list: admin.query(({ ctx }) => listOrganisation(ctx.db)),
	create: admin
		.input(createOrganisationInput)
		.mutation(({ ctx, input }) =>
			createOrganisationItem(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	rename: admin
		.input(renameOrganisationInput)
		.mutation(({ ctx, input }) =>
			renameOrganisationItem(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	move: admin
		.input(moveOrganisationInput)
		.mutation(({ ctx, input }) =>
			moveOrganisationItem(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),
	setActive: admin.input(setOrganisationActiveInput).mutation(({ ctx, input }) =>
		setOrganisationItemActive(ctx.db, input, {
			user: ctx.user,
			source: ctx.source,
			now: ctx.now()
		})
	),
	delete: admin
		.input(organisationItemInput)
		.mutation(({ ctx, input }) =>
			deleteOrganisationItem(ctx.db, input, { user: ctx.user, source: ctx.source, now: ctx.now() })
		)
});
