import { expect, test, type Browser } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';
import { openGate, registerAttendee, scan, uniqueName } from '../support/attendees.ts';
import { current } from '../support/editions.ts';

async function scannerDevice(browser: Browser, gate: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signIn(page, 'door');
	await openGate(page, current().sensor.nameZh, gate);
	return { context, page };
}

test('offline, scanners decide on their own and queue; back online they sync, counts match, and a ticket let in twice is up for review', async ({
	page,
	browser,
	request
}) => {
	test.setTimeout(120_000);
	// A gate of this test's own, set up by an admin in the console, so its counts are ours alone.
	const gate = uniqueName('离线演练通道');
	await signIn(page, 'admin');
	await page.goto(`${ADMIN}/settings/checkpoints`);
	const create = page.locator('form[action="?/create"]');
	await create.getByLabel('大会').selectOption({ label: current().sensor.nameZh });
	await create.getByLabel('中文名称').fill(gate);
	await create.getByLabel('英文名称').fill(`Offline drill ${gate}`);
	await create.getByRole('button', { name: '新增' }).click();
	await expect(page.getByRole('status')).toContainText(`已新增“${gate}”`);

	const shared = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('共享')
	});
	const other = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('单人')
	});

	const laneA = await scannerDevice(browser, gate);
	const laneB = await scannerDevice(browser, gate);
	await laneA.context.setOffline(true);
	await laneB.context.setOffline(true);
	await expect(laneA.page.getByTestId('offline-status')).toHaveText('离线 — 0 条待上传');

	// Lane A: both let in on the device's own judgement, the second scan of one refused locally.
	const a1 = await scan(laneA.page, shared.token, 'ok');
	await expect(a1).toContainText(shared.name);
	await expect(a1).toContainText('离线判定');
	await scan(laneA.page, other.token, 'ok');
	const again = await scan(laneA.page, shared.token, 'already_checked_in');
	await expect(again).toContainText('本闸口已放行过此票');
	// A forged token is refused offline too: the device checks the signature itself.
	const forged = `${shared.token.slice(0, -2)}${shared.token.at(-2) === 'A' ? 'B' : 'A'}${shared.token.at(-1)}`;
	await scan(laneA.page, forged, 'invalid');
	await expect(laneA.page.getByTestId('offline-status')).toHaveText('离线 — 4 条待上传');

	// Lane B does not know: it lets the same ticket in (a screenshot shared with a colleague).
	await scan(laneB.page, shared.token, 'ok');
	await expect(laneB.page.getByTestId('offline-status')).toHaveText('离线 — 1 条待上传');

	// Back online, both upload; the gate's count is the two people who came in.
	await laneA.context.setOffline(false);
	await expect(laneA.page.getByTestId('online-status')).toBeVisible();
	await laneB.context.setOffline(false);
	await expect(laneB.page.getByTestId('online-status')).toBeVisible();
	await expect(laneA.page.getByTestId('gate-today')).toHaveText('2');
	await expect(laneB.page.getByTestId('gate-today')).toHaveText('2');

	// The server's own counts agree.
	const counts = await page
		.context()
		.request.get(
			`${ADMIN}/api/trpc/checkin.counts?input=${encodeURIComponent(JSON.stringify({ conferenceId: current().sensor.id }))}`
		);
	const checkpoints = await page
		.context()
		.request.get(
			`${ADMIN}/api/trpc/checkpoints.list?input=${encodeURIComponent(JSON.stringify({ conferenceId: current().sensor.id }))}`
		);
	const gateId = ((await checkpoints.json()).result.data as { id: number; nameZh: string }[]).find(
		(c) => c.nameZh === gate
	)!.id;
	const gates = (await counts.json()).result.data.gates as {
		checkpointId: number;
		today: number;
	}[];
	expect(gates.find((g) => g.checkpointId === gateId)).toMatchObject({ today: 2 });

	// The double admission waits in the supervisor's review list, and is resolved with a note.
	await page.goto(`${ADMIN}/checkin/review`);
	const conflict = page.locator('li[data-kind="double_admission"]', { hasText: shared.name });
	await expect(conflict).toContainText('重复放行');
	await expect(conflict).toContainText(gate);
	await conflict.getByLabel('处理说明').fill('同事用截图入场，已补办登记');
	await conflict.getByRole('button', { name: '标记为已处理' }).click();
	await expect(page.getByRole('status')).toHaveText('已处理。');
	await expect(
		page.locator('li[data-kind="double_admission"]', { hasText: shared.name })
	).toHaveCount(0);

	await laneA.context.close();
	await laneB.context.close();
});
