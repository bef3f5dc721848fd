import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import { AppError } from '@huizhan/api';
import { actionFailure } from '@huizhan/web/actions';

/*
 * A spreadsheet imported into an edition in two steps that each work without JavaScript:
 * uploading previews it (every bad cell named; nothing stored), and a clean file comes back with
 * the page in a hidden field, so committing sends the very same bytes, checked again, and stores
 * every row or none. The invitations list and the hall plan import this way; each page names
 * its two procedures and where the browser goes once the rows are in.
 */

/** What the api's `previewImport` and `commitImport` take. */
export interface SheetUpload {
	conferenceId: string;
	filename: string;
	contentBase64: string;
}

type Api = App.Locals['api'];

export interface SheetImport<Preview extends { errors: readonly unknown[] }, Committed> {
	preview: (api: Api, upload: SheetUpload) => Promise<Preview>;
	commit: (api: Api, upload: SheetUpload) => Promise<Committed>;
	/** The page to show after a commit, e.g. the list with the count imported. */
	doneAt: (conferenceId: string, committed: Committed) => string;
}

/** A refusal about the file, not a field: its code, from an AppError or a zod issue. */
function fileProblem(e: unknown): string | null {
	if (e instanceof AppError) return e.reason;
	if (e instanceof TRPCError && e.code === 'BAD_REQUEST' && e.cause instanceof z.ZodError)
		return e.cause.issues[0]?.message ?? 'unexpected';
	return null;
}

type ActionEvent = Pick<RequestEvent, 'request' | 'locals'>;

/** The page's `preview` and `commit` form actions. */
export function sheetImportActions<Preview extends { errors: readonly unknown[] }, Committed>(
	steps: SheetImport<Preview, Committed>
) {
	return {
		preview: async ({ request, locals }: ActionEvent) => {
			const form = await request.formData();
			const file = form.get('file');
			if (!(file instanceof File) || file.size === 0) return fail(400, { reason: 'no_file' });
			const upload = {
				conferenceId: String(form.get('conferenceId') ?? ''),
				filename: (file.name || 'upload').slice(-255),
				contentBase64: Buffer.from(await file.arrayBuffer()).toString('base64')
			};
			let preview;
			try {
				preview = await steps.preview(locals.api, upload);
			} catch (e) {
				const reason = fileProblem(e);
				if (reason) return fail(400, { reason });
				return actionFailure(e);
			}
			if (preview.errors.length > 0) return fail(400, { preview, upload: null });
			return { preview, upload };
		},

		commit: async ({ request, locals }: ActionEvent) => {
			const form = await request.formData();
			const conferenceId = String(form.get('conferenceId') ?? '');
			let committed;
			try {
				committed = await steps.commit(locals.api, {
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
			redirect(303, steps.doneAt(conferenceId, committed));
		}
	};
}
