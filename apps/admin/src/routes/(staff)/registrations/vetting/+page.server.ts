import { fail } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { AppError } from '@huizhan/api';
import { actionFailure } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

/*
 * 安保审查 in three steps that each work without JavaScript: download who waits, upload the
 * office's returned sheet for a dry run, then import it. A clean dry run's file rides along in
 * the import form, so the admin does not choose it twice; the import checks it all again.
 */

/** A returned sheet small enough to carry in the page between the dry run and the import. */
const CARRY_BYTES = 2 * 1024 * 1024;

export const load: PageServerLoad = async ({ locals, url }) => {
	const conferences = await locals.api.conferences.list();
	const conferenceId =
		url.searchParams.get('conference')?.trim().slice(0, 64) || conferences[0]?.id || '';
	const waiting = conferenceId
		? await locals.api.registrations.list({
				conferenceId,
				status: 'pending_vetting',
				page: 1,
				pageSize: 200
			})
		: { rows: [], total: 0 };
	return { conferences, conferenceId, waiting };
};

function fileProblem(e: unknown): string | null {
	if (e instanceof AppError) return e.reason;
	if (e instanceof TRPCError && e.code === 'BAD_REQUEST' && e.cause instanceof z.ZodError)
		return e.cause.issues[0]?.message ?? 'unexpected';
	return null;
}

/** The uploaded file, or the one a clean dry run carried along. */
async function sheetOf(form: FormData) {
	const conferenceId = String(form.get('conference') ?? '').slice(0, 64);
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		return {
			conferenceId,
			filename: (file.name || 'upload').slice(-255),
			contentBase64: Buffer.from(await file.arrayBuffer()).toString('base64')
		};
	}
	const carried = String(form.get('contentBase64') ?? '');
	if (!carried) return null;
	return {
		conferenceId,
		filename: String(form.get('filename') ?? 'upload').slice(-255),
		contentBase64: carried
	};
}

export const actions: Actions = {
	preview: async ({ request, locals }) => {
		const sheet = await sheetOf(await request.formData());
		if (!sheet) return fail(400, { reason: 'no_file' });
		try {
			const preview = await locals.api.vetting.preview(sheet);
			const carry =
				preview.errors.length === 0 && sheet.contentBase64.length <= (CARRY_BYTES / 3) * 4;
			return {
				preview,
				filename: sheet.filename,
				contentBase64: carry ? sheet.contentBase64 : null
			};
		} catch (e) {
			const reason = fileProblem(e);
			if (reason) return fail(400, { reason });
			return actionFailure(e);
		}
	},
	commit: async ({ request, locals }) => {
		const sheet = await sheetOf(await request.formData());
		if (!sheet) return fail(400, { reason: 'no_file' });
		try {
			const result = await locals.api.vetting.commit(sheet);
			if (!result.committed) return fail(400, { preview: result, filename: sheet.filename });
			return { committed: result };
		} catch (e) {
			const reason = fileProblem(e);
			if (reason) return fail(400, { reason });
			return actionFailure(e);
		}
	}
};
