import { fail, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import { AppError } from '@huizhan/api';
import { actionFailure } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

/*
 * Spreadsheet import in two steps that each work without JavaScript: uploading a file previews
 * it (a file with errors is shown right here and stored nowhere; an error-free one is stored and
 * the browser is sent to `?id=…`, so a reload neither re-uploads nor loses it), then committing
 * names the stored preview.
 */

export const load: PageServerLoad = async ({ locals, url }) => {
	const importId = url.searchParams.get('id');
	let stored = null;
	let missing = false;
	if (importId) {
		try {
			stored = await locals.api.dealSheets.get({ importId });
		} catch (e) {
			if (!(e instanceof AppError && e.reason === 'import_not_found')) throw e;
			missing = true;
		}
	}
	return { options: await locals.api.reference.dealOptions(), stored, missing };
};

/** A refusal that is about the file, not a field: its code, from an AppError or a zod issue. */
function fileProblem(e: unknown): string | null {
	if (e instanceof AppError) return e.reason;
	if (e instanceof TRPCError && e.code === 'BAD_REQUEST' && e.cause instanceof z.ZodError)
		return e.cause.issues[0]?.message ?? 'unexpected';
	return null;
}

export const actions: Actions = {
	preview: async ({ request, locals }) => {
		const form = await request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { reason: 'no_file' });
		let preview;
		try {
			preview = await locals.api.dealSheets.preview({
				filename: (file.name || 'upload').slice(-255),
				contentBase64: Buffer.from(await file.arrayBuffer()).toString('base64')
			});
		} catch (e) {
			const reason = fileProblem(e);
			if (reason) return fail(400, { reason });
			return actionFailure(e);
		}
		if (preview.importId) redirect(303, `/deals/import?id=${encodeURIComponent(preview.importId)}`);
		return fail(400, { preview });
	},

	commit: async ({ request, locals }) => {
		const form = await request.formData();
		const importId = String(form.get('importId') ?? '');
		let committed;
		try {
			committed = await locals.api.dealSheets.commit({
				importId,
				acknowledgeDuplicates: form.get('acknowledgeDuplicates') === 'on'
			});
		} catch (e) {
			if (e instanceof AppError) {
				const row = typeof e.details.row === 'number' ? e.details.row : null;
				return fail(getHTTPStatusCodeFromError(e), { commitReason: e.reason, row });
			}
			return actionFailure(e);
		}
		redirect(303, `/deals?imported=${committed.rowCount}`);
	}
};
