import { directoryOrNotFound } from './directory';
import type { PageServerLoad } from './$types';

/** 展商名录: a GET form and plain links, so searching and paging work inside WeChat without JavaScript. */
export const load: PageServerLoad = async ({ locals, params, cookies, url }) =>
	directoryOrNotFound(locals.api, params.conference, url.searchParams, cookies);
