import { actionFailure } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, setHeaders }) => {
	// The page may show a freshly issued token: never keep it in a cache.
	setHeaders({ 'cache-control': 'private, no-store' });
	const [conferences, checkpoints, devices] = await Promise.all([
		locals.api.conferences.list(),
		locals.api.checkpoints.list({ includeInactive: true }),
		locals.api.scannerDevices.list()
	]);
	return { conferences, checkpoints, devices };
};

export const actions: Actions = {
	issue: async ({ request, locals }) => {
		const form = await request.formData();
		const checkpoint = String(form.get('checkpointId') ?? '');
		const input = {
			conferenceId: String(form.get('conferenceId') ?? ''),
			checkpointId: checkpoint ? Number(checkpoint) : undefined,
			name: String(form.get('name') ?? '')
		};
		try {
			const { device, token } = await locals.api.scannerDevices.issue(input);
			// Shown once, on this answer only; the database keeps its hash.
			return { issued: { name: device.name, token } };
		} catch (e) {
			return actionFailure(e, { action: 'issue' as const, name: input.name });
		}
	},
	revoke: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			const device = await locals.api.scannerDevices.revoke({
				deviceId: Number(form.get('deviceId'))
			});
			return { revoked: device.name };
		} catch (e) {
			return actionFailure(e, { action: 'revoke' as const });
		}
	}
};
