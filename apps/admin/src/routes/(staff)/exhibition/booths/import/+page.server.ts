import { sheetImportActions } from '$lib/server/sheet-import';
import type { Actions, PageServerLoad } from './$types';
import { chosenEdition } from '../../edition';

// A hall plan, previewed then committed whole ($lib/server/sheet-import): every booth or none.

export const load: PageServerLoad = async (event) => {
	const { editions, conferenceId } = await chosenEdition(event);
	const plan = conferenceId ? await event.locals.api.booths.plan({ conferenceId }) : null;
	return { editions, conferenceId, halls: plan?.halls ?? [] };
};

export const actions: Actions = sheetImportActions({
	preview: (api, upload) => api.booths.previewImport(upload),
	commit: (api, upload) => api.booths.commitImport(upload),
	doneAt: (conferenceId, committed) =>
		`/exhibition/booths?conference=${encodeURIComponent(conferenceId)}&imported=${committed.created}`
});
