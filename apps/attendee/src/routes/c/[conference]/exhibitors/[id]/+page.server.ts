import { profileOrNotFound } from '../directory';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, cookies }) => ({
	exhibitor: await profileOrNotFound(locals.api, params.conference, params.id, cookies)
});
