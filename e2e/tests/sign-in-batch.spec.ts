import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { DEMO_PASSWORD } from '../support/staff.ts';

test('fifty sign-ins in one tRPC batch are refused, the right password among them gets no session', async ({
	request
}) => {
	const paths = Array.from({ length: 50 }, () => 'auth.signIn').join(',');
	const inputs = Object.fromEntries(
		Array.from({ length: 50 }, (_, i) => [
			i,
			{ login: 'leader', password: i === 39 ? DEMO_PASSWORD : `wrong guess number ${i}` }
		])
	);
	const response = await request.post(`${ADMIN}/api/trpc/${paths}?batch=1`, {
		headers: { 'content-type': 'application/json' },
		data: inputs
	});
	expect(response.status()).toBe(400);
	const body = await response.text();
	const answers = JSON.parse(body) as { error?: { data?: { reason?: string } } }[];
	expect(answers).toHaveLength(50);
	expect(answers.map((a) => a.error?.data?.reason)).toEqual(Array(50).fill('batch_refused'));
	expect(body).not.toContain('"token"');
	expect(response.headers()['set-cookie']).toBeUndefined();

	// Refused, not counted: the same name signs in at once with a request of its own.
	const single = await request.post(`${ADMIN}/api/trpc/auth.signIn`, {
		headers: { 'content-type': 'application/json' },
		data: { login: 'leader', password: DEMO_PASSWORD }
	});
	expect(single.status()).toBe(200);
	expect((await single.json()).result.data).toMatchObject({ ok: true, user: { login: 'leader' } });
});
