import { z } from 'zod';
import {
	boothIdInput,
	boothInput,
	conferenceIdInput,
	exhibitionRulesInput,
	hallInput,
	holdBoothInput,
	updateBoothInput,
	updateHallInput
} from '../schemas/booths.ts';
import {
	approvedExhibitors,
	boothPlan,
	confirmBooth,
	createBooth,
	createHall,
	deleteBooth,
	deleteHall,
	exhibitionOverview,
	holdBooth,
	releaseBooth,
	updateBooth,
	updateHall,
	type BoothActor
} from '../services/booths.ts';
import {
	boothTemplate,
	commitBoothImport,
	exportBoothPlan,
	previewBoothImport
} from '../services/booths-import.ts';
import { exhibitionSettings, updateExhibitionRules } from '../services/exhibition-rules.ts';
import { MAX_SHEET_BYTES } from '../spreadsheets/columns.ts';
import { SHEET_FORMATS } from '../spreadsheets/export.ts';
import { router, staffProcedure } from '../trpc.ts';
import type { Context } from '../context.ts';
import type { StaffUser } from '../auth/roles.ts';

/** The exhibition's floor is the organiser's: admins only, like the rest of the edition's set-up. */
const admin = staffProcedure(['admin']);

const actorOf = (ctx: Context & { user: StaffUser }): BoothActor => ({
	user: ctx.user,
	source: ctx.source,
	now: ctx.now()
});

const edition = z.object({ conferenceId: conferenceIdInput });
const id = z.object({ id: z.coerce.number().int().positive() });

/** Base64 of at most `MAX_SHEET_BYTES`: four characters per three bytes. */
const upload = edition.extend({
	filename: z.string().trim().min(1).max(255),
	contentBase64: z.string().max(Math.ceil(MAX_SHEET_BYTES / 3) * 4, { error: 'file_too_large' })
});
const bytesOf = (contentBase64: string) => new Uint8Array(Buffer.from(contentBase64, 'base64'));

/** Halls and booths of an edition, and which exhibitor holds which booth. */
export const boothsRouter = router({
	/** The edition's exhibition at a glance: applications, booths and area by status. */
	overview: admin
		.input(edition)
		.query(({ ctx, input }) => exhibitionOverview(ctx.db, input.conferenceId)),
	/** Halls with their fill, and every booth with its status and holder. */
	plan: admin.input(edition).query(({ ctx, input }) => boothPlan(ctx.db, input.conferenceId)),

	createHall: admin
		.input(hallInput)
		.mutation(({ ctx, input }) => createHall(ctx.db, input, actorOf(ctx))),
	updateHall: admin
		.input(updateHallInput)
		.mutation(({ ctx, input }) => updateHall(ctx.db, input, actorOf(ctx))),
	/** Only an empty hall. */
	deleteHall: admin
		.input(id)
		.mutation(({ ctx, input }) => deleteHall(ctx.db, input.id, actorOf(ctx))),

	createBooth: admin
		.input(boothInput)
		.mutation(({ ctx, input }) => createBooth(ctx.db, input, actorOf(ctx))),
	/** Only a free booth. */
	updateBooth: admin
		.input(updateBoothInput)
		.mutation(({ ctx, input }) => updateBooth(ctx.db, input, actorOf(ctx))),
	/** Only a free booth. */
	deleteBooth: admin
		.input(id)
		.mutation(({ ctx, input }) => deleteBooth(ctx.db, input.id, actorOf(ctx))),

	/** Approved exhibitors of the edition matching a name or credit code, for the picker. */
	exhibitors: admin
		.input(edition.extend({ search: z.string().trim().max(100).default('') }))
		.query(({ ctx, input }) => approvedExhibitors(ctx.db, input.conferenceId, input.search)),
	/** Reserves or assigns a free booth; a held booth is refused naming its holder. */
	hold: admin
		.input(holdBoothInput)
		.mutation(({ ctx, input }) => holdBooth(ctx.db, input, actorOf(ctx))),
	/** Reserved → assigned. */
	confirm: admin
		.input(boothIdInput)
		.mutation(({ ctx, input }) => confirmBooth(ctx.db, input, actorOf(ctx))),
	/** Frees a booth, unless its exhibitor would keep more passes than its new quota. */
	release: admin
		.input(boothIdInput)
		.mutation(({ ctx, input }) => releaseBooth(ctx.db, input, actorOf(ctx))),

	/** Reads and checks a hall plan (.xlsx or .csv); nothing is stored. */
	previewImport: admin.input(upload).mutation(({ ctx, input }) =>
		previewBoothImport(ctx.db, {
			conferenceId: input.conferenceId,
			filename: input.filename,
			bytes: bytesOf(input.contentBase64)
		})
	),
	/** The same file again: every booth created, or none. */
	commitImport: admin.input(upload).mutation(({ ctx, input }) =>
		commitBoothImport(
			ctx.db,
			{
				conferenceId: input.conferenceId,
				filename: input.filename,
				bytes: bytesOf(input.contentBase64)
			},
			actorOf(ctx)
		)
	),
	/** The .xlsx template of a hall plan. */
	template: admin.query(() => boothTemplate()),
	/** The plan with holders, as .xlsx or .csv; audited. */
	export: admin
		.input(edition.extend({ format: z.enum(SHEET_FORMATS).default('xlsx') }))
		.query(({ ctx, input }) => exportBoothPlan(ctx.db, input, actorOf(ctx)))
});

/** An edition's exhibition rules: applications open, pass quotas, set-up days. */
export const exhibitionRulesRouter = router({
	/** The rules (defaults when unset), the edition's dates and whether they may change. */
	get: admin
		.input(edition)
		.query(({ ctx, input }) => exhibitionSettings(ctx.db, input.conferenceId)),
	update: admin
		.input(exhibitionRulesInput)
		.mutation(({ ctx, input }) => updateExhibitionRules(ctx.db, input, actorOf(ctx)))
});
