import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';
import { registerAttendee, uniqueName } from '../support/attendees.ts';
import { current } from '../support/editions.ts';

interface Snapshot {
	checkpoints: { id: number; nameZh: string }[];
}

test('64 scanners scanning one ticket at once over HTTP admit it exactly once; a revoked device is refused', async ({
	page,
	request
}) => {
	// An admin issues a device token for the WSC in the console; it is shown once.
	await signIn(page, 'admin');
	await page.goto(`${ADMIN}/settings/devices`);
	const deviceName = uniqueName('南门PDA');
	await page.getByLabel('设备名称').fill(deviceName);
	await page.getByLabel('大会').selectOption({ label: current().sensor.nameZh });
	await page.getByRole('button', { name: '签发' }).click();
	const token = ((await page.getByTestId('device-token').textContent()) ?? '').trim();
	expect(token).toMatch(/^hzd_[A-Za-z0-9_-]{43}$/);
	await page.reload();
	await expect(page.locator(`tr[data-device="${deviceName}"]`)).toContainText('正常');
	// Shown once: after a reload it is nowhere on the page.
	expect(await page.content()).not.toContain(token);

	const bearer = { authorization: `Bearer ${token}` };
	const snapshot = await request.get(
		`${ADMIN}/api/trpc/checkin.snapshot?input=${encodeURIComponent(JSON.stringify({ conferenceId: current().sensor.id }))}`,
		{ headers: bearer }
	);
	expect(snapshot.status()).toBe(200);
	const gate = ((await snapshot.json()).result.data as Snapshot).checkpoints.find(
		(c) => c.nameZh === '南门主入口'
	)!;
	const person = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('并发')
	});

	const scanOnce = async () => {
		const response = await fetch(`${ADMIN}/api/trpc/checkin.scan`, {
			method: 'POST',
			headers: { ...bearer, 'content-type': 'application/json' },
			body: JSON.stringify({
				checkpointId: gate.id,
				code: person.token,
				nonce: randomBytes(12).toString('base64url'),
				scannedAt: new Date().toISOString()
			})
		});
		expect(response.status).toBe(200);
		return (await response.json()).result.data.reason as string;
	};
	const reasons = await Promise.all(Array.from({ length: 64 }, scanOnce));
	expect(reasons.filter((r) => r === 'ok')).toHaveLength(1);
	expect(reasons.filter((r) => r === 'already_checked_in')).toHaveLength(63);

	// Revoked in the console, the token stops working at once.
	page.once('dialog', (dialog) => dialog.accept());
	await page
		.locator(`tr[data-device="${deviceName}"]`)
		.getByRole('button', { name: '吊销' })
		.click();
	await expect(page.getByRole('status')).toContainText(`已吊销“${deviceName}”`);
	expect(await scanOnce().catch(() => 'refused')).toBe('refused');
	const refused = await request.post(`${ADMIN}/api/trpc/checkin.scan`, {
		headers: { ...bearer, 'content-type': 'application/json' },
		data: {
			checkpointId: gate.id,
			code: person.token,
			nonce: 'after-revoke-1',
			scannedAt: Date.now()
		}
	});
	expect(refused.status()).toBe(401);
});
