import type { PageServerLoad } from './$types';

/** The gates to choose from; everything else the page fetches itself as it scans. */
export const load: PageServerLoad = async ({ locals }) => {
	const [conferences, checkpoints] = await Promise.all([
		locals.api.conferences.list(),
		locals.api.checkpoints.list({})
	]);
	return {
		conferences: conferences.map((c) => ({
			id: c.id,
			nameZh: c.nameZh,
			nameEn: c.nameEn,
			themeColor: c.themeColor
		})),
		checkpoints,
		isAdmin: locals.user?.roles.includes('admin') ?? false
	};
};
