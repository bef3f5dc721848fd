import QRCode from 'qrcode';
import { rethrowAsNotFound } from '$lib/server/not-found';
import { PRIVATE_HEADERS, ticketOrNotFound } from '$lib/server/ticket';
import { isWeChat } from '$lib/wechat';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, request, setHeaders }) => {
	setHeaders(PRIVATE_HEADERS);
	const { token, ...ticket } = await ticketOrNotFound(locals.api, params.secret);
	// Drawn here, not in the browser: the page shows its QR without JavaScript, and no QR
	// library is sent to the phone. Level M survives a scuffed or glary screen at the gate.
	const qrSvg = token
		? await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
		: null;
	// In WeChat the QR is also a PNG: a long press saves an <img>, never an inline SVG.
	const inWeChat = isWeChat(request.headers.get('user-agent'));
	const qrPng =
		token && inWeChat
			? await QRCode.toDataURL(token, { errorCorrectionLevel: 'M', margin: 2, scale: 8 })
			: null;
	return { ticket, qrSvg, qrPng, inWeChat };
};

export const actions: Actions = {
	/** Reached only through the confirmation step on the page (a second, explicit button). */
	cancel: async ({ locals, params }) => {
		try {
			await locals.api.registration.cancel({ secret: params.secret });
		} catch (e) {
			rethrowAsNotFound(e);
		}
		// The page reloads its ticket and shows it cancelled, whether this call or an earlier one
		// cancelled it.
		return { cancelled: true };
	}
};
