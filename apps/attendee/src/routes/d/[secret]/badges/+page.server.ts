import QRCode from 'qrcode';
import { drawBadgeSheet } from '@huizhan/web/badges';
import { delegationOrNotFound } from '$lib/server/delegation';
import { PRIVATE_HEADERS } from '$lib/server/ticket';
import type { PageServerLoad } from './$types';

/** All the leader's confirmed members' badges, to print at once. */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders(PRIVATE_HEADERS);
	const delegation = await delegationOrNotFound(locals.api, params.secret);
	const sheet = await drawBadgeSheet(
		await locals.api.delegation.badges({ secret: params.secret }),
		(text) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
	);
	return { delegation: { name: delegation.name, conference: delegation.conference }, sheet };
};
