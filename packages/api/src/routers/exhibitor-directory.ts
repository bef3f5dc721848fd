import { z } from 'zod';
import type { Context } from '../context.ts';
import { directoryProfile, searchDirectory } from '../services/exhibitor-directory.ts';
import { checkPreviewGrant } from '../services/preview-grants.ts';
import { publicProcedure, router } from '../trpc.ts';
import { previewGrantInput } from './conferences.ts';

/*
 * The search comes from a GET form (`?q=&chain=&hall=&page=`): an empty field is "any", and a
 * page number past the end shows the last page rather than an error.
 */
const emptyAsAny = (value: unknown) => (value === '' || value === null ? undefined : value);

export const directorySearchInput = z.object({
	conferenceId: z.string().trim().min(1).max(64),
	q: z.preprocess(emptyAsAny, z.string().trim().max(100).optional()),
	chainId: z.preprocess(emptyAsAny, z.coerce.number().int().positive().optional()),
	hall: z.preprocess(emptyAsAny, z.string().trim().max(16).optional()),
	page: z.preprocess(emptyAsAny, z.coerce.number().int().positive().max(10_000).optional()),
	preview: previewGrantInput
});

const previewOf = async (ctx: Context, preview: string | undefined) =>
	(await checkPreviewGrant(ctx.db, preview, ctx.now()))?.conferenceId ?? null;

/** The public exhibitor directory of an edition. */
export const exhibitorDirectoryRouter = router({
	/** A page of the edition's approved exhibitors matching the search, with the form's choices. */
	search: publicProcedure.input(directorySearchInput).query(async ({ ctx, input }) => {
		const { preview, ...search } = input;
		return searchDirectory(ctx.db, search, await previewOf(ctx, preview));
	}),
	/** One approved exhibitor's public profile and assigned booths. */
	profile: publicProcedure
		.input(
			z.object({
				conferenceId: z.string().trim().min(1).max(64),
				exhibitorId: z.coerce.number().int().positive(),
				preview: previewGrantInput
			})
		)
		.query(async ({ ctx, input }) =>
			directoryProfile(
				ctx.db,
				input.conferenceId,
				input.exhibitorId,
				await previewOf(ctx, input.preview)
			)
		)
});
