import { sessionOrNotFound } from '../sessions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, cookies }) => ({
	session: await sessionOrNotFound(locals.api, params.conference, params.sessionId, cookies)
});
