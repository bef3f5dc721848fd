import { previewGrant } from '$lib/server/preview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, cookies }) => ({
	// With a preview grant, its draft edition is listed too, marked as a preview.
	conferences: await locals.api.conferences.list({ preview: previewGrant(cookies) })
});
