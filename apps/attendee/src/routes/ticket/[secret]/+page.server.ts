import QRCode from 'qrcode';
import { rethrowAsNotFound } from '$lib/server/not-found';
import { PRIVATE_HEADERS, ticketOrNotFound } from '$lib/server/ticket';
import { isWeChat } from '$lib/wechat';
import { cancelSignupAction } from './signup-actions';
import { shareContactsAction } from './share-contacts-action';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, request, setHeaders, url }) => {
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
	const seated =
		ticket.status === 'confirmed' ||
		ticket.status === 'pending' ||
		ticket.status === 'pending_vetting';
	const agenda = seated ? await locals.api.registration.myAgenda({ secret: params.secret }) : [];
	return {
		ticket,
		qrSvg,
		qrPng,
		inWeChat,
		agenda,
		exhibitorPass: await locals.api.exhibitorPage.ticketPass({ ticketSecret: params.secret }),
		leads: await locals.api.leads.mine({ secret: params.secret }),
		notTaken: await notTaken(locals.api, ticket.conference.id, url)
	};
};

/**
 * The sessions ticked on the registration form that did not take it (full since the form was
 * loaded): the form sends their ids here once, so the page can name them.
 */
async function notTaken(api: App.Locals['api'], conferenceId: string, url: URL) {
	const ids = (url.searchParams.get('not_taken') ?? '')
		.split(',')
		.map(Number)
		.filter((id) => Number.isInteger(id) && id > 0);
	if (ids.length === 0) return [];
	const sessions = await api.registration.registrationSessions({ conferenceId });
	return sessions
		.filter((s) => ids.includes(s.id))
		.map((s) => ({ titleZh: s.titleZh, titleEn: s.titleEn }));
}

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
	},

	/** Gives one session's seat back, from "My agenda". */
	cancelSignup: cancelSignupAction,

	shareContacts: shareContactsAction
};
