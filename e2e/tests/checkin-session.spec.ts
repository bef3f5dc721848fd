import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';
import { registerAttendee, scan, uniqueName, wedgeScan } from '../support/attendees.ts';
import { current } from '../support/editions.ts';
import { seedSessionWithGate } from '../support/sessions.ts';
import { HYDRATED_WITHIN } from '../support/live.ts';

const HOUR = 60 * 60 * 1000;

test('the door of a sign-up-only forum admits who signed up, refuses who did not with the reason, and /live shows 1/2', async ({
	browser,
	page,
	request
}) => {
	test.setTimeout(120_000);
	const { sensor } = current();
	const signed = await registerAttendee(request, {
		conferenceId: sensor.id,
		name: uniqueName('已报名')
	});
	const walkIn = await registerAttendee(request, {
		conferenceId: sensor.id,
		name: uniqueName('未报名')
	});
	const tag = uniqueName('');
	const title = `分论坛三·智能传感${tag}`;
	const gateName = `分论坛三入口${tag}`;
	const seeded = seedSessionWithGate({
		conferenceId: sensor.id,
		titleZh: title,
		hallZh: `307会议室${tag}`,
		gateZh: gateName,
		capacity: 2,
		signupRequired: true,
		startsAt: Date.now() - HOUR,
		endsAt: Date.now() + 2 * HOUR,
		signedUp: [signed.registrationId]
	});

	await signIn(page, 'door');
	await page.goto(`${ADMIN}/checkin`);
	await page.getByLabel('大会').selectOption({ label: sensor.nameZh });
	// The gate list names the session and its time beside the gate.
	const option = page.getByLabel('闸口').locator('option', { hasText: gateName });
	await expect(option).toContainText(`${title} · 307会议室${tag}`);
	await page.getByLabel('闸口').selectOption(String(seeded.checkpointId));
	await page.getByRole('button', { name: '开始检票' }).click();
	await expect(page.getByTestId('gate-name')).toHaveText(gateName);
	await expect(page.getByTestId('gate-session')).toContainText(title);

	await scan(page, signed.token, 'ok');
	await wedgeScan(page, walkIn.token);
	const refused = page.locator('[data-testid="verdict"][data-reason="not_signed_up"]');
	await expect(refused).toBeVisible();
	await expect(refused).toContainText(`未报名「${title}」，本场仅限已报名者入场`);
	await expect(refused).toContainText(walkIn.name);
	await page.keyboard.press('Escape');

	const context = await browser.newContext();
	try {
		const leader = await context.newPage();
		await signIn(leader, 'leader');
		await leader.goto(`${ADMIN}/live`);
		await expect(leader.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live', {
			timeout: HYDRATED_WITHIN
		});
		const now = leader
			.locator(`[data-sessions="${sensor.id}"]`)
			.locator(`li[data-session="${seeded.sessionId}"]`);
		await expect(now).toContainText(title);
		await expect(now.getByTestId('session-people')).toHaveText('1 / 2');
		await expect(
			leader.getByTestId('session-ranking').locator(`tr[data-session="${seeded.sessionId}"]`)
		).toContainText('50%');
	} finally {
		await context.close();
	}
});
