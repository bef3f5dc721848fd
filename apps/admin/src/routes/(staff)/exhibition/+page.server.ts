import type { PageServerLoad } from './$types';
import { chosenEdition } from './edition';

export const load: PageServerLoad = async (event) => {
	const { editions, conferenceId } = await chosenEdition(event);
	const overview = conferenceId ? await event.locals.api.booths.overview({ conferenceId }) : null;
	return { editions, conferenceId, overview };
};
