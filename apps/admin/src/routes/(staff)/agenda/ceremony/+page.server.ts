import type { PageServerLoad } from './$types';

/** The edition's signing ceremonies: the way in to preparing one and to the podium. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const { conferences } = await locals.api.reference.dealOptions();
	const asked = url.searchParams.get('edition');
	// The newest edition by default: the one whose ceremony is being prepared.
	const edition = conferences.find((c) => c.id === asked) ?? conferences.at(-1) ?? null;
	return {
		conferences,
		edition: edition?.id ?? null,
		ceremonies: edition ? await locals.api.ceremony.list({ conferenceId: edition.id }) : []
	};
};
