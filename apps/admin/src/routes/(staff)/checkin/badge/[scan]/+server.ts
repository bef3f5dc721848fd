import { error, json } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { actionFailure } from '@huizhan/web/actions';
import type { RequestHandler } from './$types';

/**
 * The badge of a standing admission, for the scanner page to print: who, their category colour,
 * and the ticket's QR drawn here (the scanner page carries no QR encoder). The procedure checks
 * the caller's role.
 */
export const GET: RequestHandler = async ({ locals, params, setHeaders }) => {
	const scanId = Number(params.scan);
	if (!Number.isInteger(scanId) || scanId <= 0) error(404, 'Not found');
	let badge;
	try {
		badge = await locals.api.checkin.badge({ scanId });
	} catch (e) {
		const failure = actionFailure(e);
		error(failure.status, String(failure.data.reason ?? 'refused'));
	}
	setHeaders({ 'cache-control': 'private, no-store' });
	const { token, ...shown } = badge;
	const qrSvg = token
		? await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
		: null;
	return json({ ...shown, qrSvg });
};
