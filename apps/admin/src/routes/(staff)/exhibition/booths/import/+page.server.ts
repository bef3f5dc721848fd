import { fail, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import { AppError } from '@huizhan/api';
import { actionFailure } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';
import { chosenEdition } from '../../edition';

/*
 * A hall plan in two steps that each work without JavaScript: uploading previews it (every bad
 * cell named; nothing stored), and a clean file comes back in a hidden field, so committing
 * sends the very same bytes, checked again, and creates every booth or none.
 */

export const load: PageServerLoad = async (event) => {
	const { editions, conferenceId } = await chosenEdition(event);
	const plan = conferenceId ? await event.locals.api.booths.plan({ conferenceId }) : null;
	return { editions, conferenceId, halls: plan?.halls ?? [] };
};

/** A refusal about the file, not a field: its code, from an AppError or a zod issue. */
function fileProblem(e: unknown): string | null {
	if (e instanceof AppError) return e.reason;
	if (e instanceof TRPCError && e.code === 'BAD_REQUEST' && e.cause instanceof z.ZodError)
		return e.cause.issues[0]?.message ?? 'unexpected';
	return null;
}

export const actions: Actions = {
	preview: async ({ request, locals }) => {
		const form = await request.formData();
		const conferenceId = String(form.get('conferenceId') ?? '');
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { reason: 'no_file' });
		const upload = {
			conferenceId,
			filename: (file.name || 'upload').slice(-255),
			contentBase64: Buffer.from(await file.arrayBuffer()).toString('base64')
		};
		let preview;
		try {
			preview = await locals.api.booths.previewImport(upload);
		} catch (e) {
			const reason = fileProblem(e);
			if (reason) return fail(400, { reason });
			return actionFailure(e);
		}
		if (preview.errors.length > 0) return fail(400, { preview, upload: null });
		return { preview, upload };
	},

	commit: async ({ request, locals }) => {
		const form = await request.formData();
		const conferenceId = String(form.get('conferenceId') ?? '');
		let committed;
		try {
			committed = await locals.api.booths.commitImport({
				conferenceId,
				filename: String(form.get('filename') ?? ''),
				contentBase64: String(form.get('contentBase64') ?? '')
			});
		} catch (e) {
			if (e instanceof AppError) {
				const row = typeof e.details.row === 'number' ? e.details.row : null;
				return fail(getHTTPStatusCodeFromError(e), { commitReason: e.reason, row });
			}
			return actionFailure(e);
		}
		redirect(
			303,
			`/exhibition/booths?conference=${encodeURIComponent(conferenceId)}&imported=${committed.created}`
		);
	}
};
