import { expect, test } from '@playwright/test';
import { ADMIN, ATTENDEE } from '../support/origins.ts';

for (const [app, origin] of [
	['admin', ADMIN],
	['attendee', ATTENDEE]
] as const) {
	test(`the ${app} app answers /healthz with {"ok":true}`, async ({ request }) => {
		const response = await request.get(`${origin}/healthz`);
		expect(response.status()).toBe(200);
		expect(await response.json()).toEqual({ ok: true });
		expect(response.headers()['cache-control']).toBe('no-store');
	});
}
