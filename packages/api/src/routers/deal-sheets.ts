import { z } from 'zod';
import { DEAL_SORTS, dealFilterInput } from '../schemas/deals.ts';
import { MAX_SHEET_BYTES } from '../spreadsheets/columns.ts';
import { SHEET_FORMATS } from '../spreadsheets/export.ts';
import {
	commitImport,
	exportDeals,
	exportLedger,
	importTemplate,
	previewImport,
	storedImport
} from '../services/deal-imports.ts';
import type { DealActor } from '../services/deals.ts';
import { router, staffProcedure } from '../trpc.ts';
import type { Context } from '../context.ts';
import type { StaffUser } from '../auth/roles.ts';

/** Importing writes the ledger: recorders and admins. Exports are reading: leadership too. */
const importer = staffProcedure(['recorder', 'admin']);
const exporter = staffProcedure(['recorder', 'admin', 'leader']);

const actorOf = (ctx: Context & { user: StaffUser }): DealActor => ({
	user: ctx.user,
	source: ctx.source,
	now: ctx.now()
});

/** Base64 of at most `MAX_SHEET_BYTES`: four characters per three bytes. */
const MAX_BASE64 = Math.ceil(MAX_SHEET_BYTES / 3) * 4;

const importId = z.string().trim().min(8).max(64);
const format = z.enum(SHEET_FORMATS).default('xlsx');

export const dealSheetsRouter = router({
	/**
	 * Reads an .xlsx or .csv and checks every cell. With no errors the rows are stored and an
	 * `importId` returned for `commit`; with any, nothing is stored and each is named by row and
	 * column.
	 */
	preview: importer
		.input(
			z.object({
				filename: z.string().trim().min(1).max(255),
				contentBase64: z.string().max(MAX_BASE64, { error: 'file_too_large' })
			})
		)
		.mutation(({ ctx, input }) =>
			previewImport(
				ctx.db,
				{ filename: input.filename, bytes: Buffer.from(input.contentBase64, 'base64') },
				actorOf(ctx)
			)
		),

	/** A stored preview of the caller's, to show before committing. */
	get: importer
		.input(z.object({ importId }))
		.query(({ ctx, input }) => storedImport(ctx.db, input.importId, actorOf(ctx))),

	/** Signs every previewed row into the ledger at once; a second commit is refused. */
	commit: importer
		.input(z.object({ importId, acknowledgeDuplicates: z.boolean().default(false) }))
		.mutation(({ ctx, input }) => commitImport(ctx.db, input, actorOf(ctx))),

	/** The .xlsx import template with the current lists of names. */
	template: importer.query(({ ctx }) => importTemplate(ctx.db, actorOf(ctx))),

	/** The filtered deal list, every page of it, as .xlsx or .csv. */
	exportDeals: exporter
		.input(
			dealFilterInput.extend({
				sort: z.enum(DEAL_SORTS).default('signedOn'),
				direction: z.enum(['asc', 'desc']).default('desc'),
				format
			})
		)
		.query(({ ctx, input }) => exportDeals(ctx.db, input, actorOf(ctx))),

	/** Every ledger entry with its hashes, as .xlsx or .csv. */
	exportLedger: exporter
		.input(z.object({ format }).default({ format: 'xlsx' }))
		.query(({ ctx, input }) => exportLedger(ctx.db, input, actorOf(ctx)))
});
