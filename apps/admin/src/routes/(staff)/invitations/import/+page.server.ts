import { sheetImportActions } from '$lib/server/sheet-import';
import type { Actions, PageServerLoad } from './$types';

// A list of invitees, previewed then committed whole ($lib/server/sheet-import): all or none.

export const load: PageServerLoad = async ({ locals, url }) => {
	const conferences = await locals.api.conferences.list();
	const asked = url.searchParams.get('conference');
	const chosen =
		conferences.find((c) => c.id === asked) ?? conferences.find((c) => c.status === 'open');
	return { conferences, conferenceId: chosen?.id ?? conferences[0]?.id ?? null };
};

export const actions: Actions = sheetImportActions({
	preview: (api, upload) => api.invitations.previewImport(upload),
	commit: (api, upload) => api.invitations.commitImport(upload),
	doneAt: (conferenceId, committed) =>
		`/invitations?conference=${encodeURIComponent(conferenceId)}&imported=${committed.invited}`
});
