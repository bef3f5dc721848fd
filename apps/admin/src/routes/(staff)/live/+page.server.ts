import { channelFor, liveHub, requestedYear } from '$lib/server/live';
import type { PageServerLoad } from './$types';

/** `2024-11-04T15:30` (what a datetime-local field sends), read as Beijing time. */
function beijingInstant(text: string): Date | null {
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) return null;
	const instant = new Date(`${text}${text.length === 16 ? ':00' : ''}+08:00`);
	return Number.isNaN(instant.getTime()) ? null : instant;
}

export const load: PageServerLoad = async ({ locals, url, parent }) => {
	// The staff layout checks the role first; nothing is computed for someone it turns away.
	await parent();
	const basis: 'contract' | 'includingFramework' =
		url.searchParams.get('basis') === 'contract' ? 'contract' : 'includingFramework';
	const asked = requestedYear(url);
	const year = asked === 'invalid' ? null : asked;
	const yearInvalid = asked === 'invalid';
	const asOfText = url.searchParams.get('asOf');
	const instant = asOfText ? beijingInstant(asOfText) : null;
	if (asOfText && instant) {
		return {
			basis,
			asOfText,
			asOfInvalid: false,
			yearInvalid,
			snapshot: await locals.api.live.snapshot({
				asOf: instant.toISOString(),
				...(year === null ? {} : { year })
			})
		};
	}
	// Live: the snapshot every open dashboard of that year shares; the page then follows the stream.
	return {
		basis,
		asOfText,
		asOfInvalid: asOfText !== null,
		yearInvalid,
		snapshot: await (await liveHub()).current(await channelFor(year))
	};
};
