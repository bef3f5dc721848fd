import { z } from 'zod';
import { editionId } from '../schemas/editions.ts';
import { MAX_SHEET_BYTES } from '../spreadsheets/columns.ts';
import { commitVerdicts, exportVettingList, previewVerdicts } from '../services/vetting.ts';
import { router, staffProcedure } from '../trpc.ts';

/** Vetting decides who gets a ticket and sends personal data out: admins only. */
const admin = staffProcedure(['admin']);

const MAX_BASE64 = Math.ceil(MAX_SHEET_BYTES / 3) * 4;

const sheetInput = z.object({
	conferenceId: editionId,
	filename: z.string().trim().min(1).max(255),
	contentBase64: z.string().max(MAX_BASE64, { error: 'file_too_large' })
});

const sheetOf = (input: z.output<typeof sheetInput>) => ({
	conferenceId: input.conferenceId,
	filename: input.filename,
	bytes: new Uint8Array(Buffer.from(input.contentBase64, 'base64'))
});

/** 报名 › 安保审查: the list for the security office out, its verdicts back in. */
export const vettingRouter = router({
	/** Who waits for vetting at an edition, as .xlsx with a verdict column to fill. */
	export: admin.input(z.object({ conferenceId: editionId })).query(({ ctx, input }) =>
		exportVettingList(ctx.db, input.conferenceId, {
			user: ctx.user,
			source: ctx.source,
			now: ctx.now()
		})
	),

	/** The dry run of a returned sheet: what it would do, or every bad row. Changes nothing. */
	preview: admin.input(sheetInput).mutation(({ ctx, input }) =>
		previewVerdicts(ctx.db, sheetOf(input), {
			user: ctx.user,
			source: ctx.source,
			now: ctx.now()
		})
	),

	/** Applies the sheet, all of it or (with any bad row) nothing; the decided are told. */
	commit: admin.input(sheetInput).mutation(async ({ ctx, input }) => {
		const result = await commitVerdicts(ctx.db, sheetOf(input), {
			user: ctx.user,
			source: ctx.source,
			now: ctx.now()
		});
		if (result.messages > 0) ctx.mail.kick();
		return result;
	})
});
