import { expect, test, type Page } from '@playwright/test';
import { registerAttendee, scan, uniqueName, wedgeScan } from '../support/attendees.ts';
import { current } from '../support/editions.ts';
import { HYDRATED_WITHIN } from '../support/live.ts';
import { ADMIN, ATTENDEE } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

/*
 * Issue #15's first "Done when", through the real pages and nothing seeded behind them: an admin
 * creates two sub-forums in the console (one of two seats, sign-up only) and makes a new gate
 * that forum's door; three attendees try to sign up from their tickets and the third is told it
 * is full; at the door the one who signed up is let in and the one who did not is refused with
 * the reason; /live counts 1 of 2 for the forum. Titles, halls and the gate carry a tag of this
 * run, so leftovers of other journeys in the shared database never meet these.
 */

/** The edition's second day: the demo agenda and the other journeys use other days or halls. */
const secondDay = () =>
	new Date(Date.parse(`${current().sensor.startsOn}T00:00:00Z`) + 86_400_000)
		.toISOString()
		.slice(0, 10);

interface Forum {
	titleZh: string;
	hallZh: string;
	capacity?: number;
	signupOnly?: boolean;
}

/** Adds a sub-forum through the console's form, 19:00–20:30 Beijing time; returns its id. */
async function addForum(page: Page, forum: Forum): Promise<number> {
	await page.goto(`${ADMIN}/agenda/new?edition=${current().sensor.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('添加议程');
	await page.getByLabel('类型').selectOption('sub_forum');
	await page.getByLabel('标题（中文）').fill(forum.titleZh);
	await page.getByLabel('标题（英文）').fill(`${forum.titleZh} (EN)`);
	await page.getByLabel('日期').fill(secondDay());
	await page.getByLabel('开始时间（北京时间）').fill('19:00');
	await page.getByLabel('结束时间（北京时间）').fill('20:30');
	await page.getByLabel('会场（中文）').fill(forum.hallZh);
	await page.getByLabel('会场（英文）').fill(`Room ${forum.hallZh}`);
	if (forum.capacity !== undefined) {
		await page.getByLabel('座位数（可选）').fill(String(forum.capacity));
	}
	if (forum.signupOnly) await page.getByLabel('仅限报名者入场').check();
	await page.getByRole('button', { name: '添加议程' }).click();
	await expect(page.getByText('议程已添加')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(forum.titleZh);
	const id = Number(/\/agenda\/(\d+)/.exec(page.url())?.[1]);
	expect(id).toBeGreaterThan(0);
	return id;
}

test('two sub-forums from the console: the third sign-up is told it is full, the door admits the signed-up and refuses the others, /live counts 1 of 2', async ({
	browser,
	page,
	request
}) => {
	test.setTimeout(180_000);
	const { sensor } = current();
	const tag = uniqueName('');
	const full: Forum = {
		titleZh: `分论坛三·智能传感${tag}`,
		hallZh: `307会议室${tag}`,
		capacity: 2,
		signupOnly: true
	};
	const open: Forum = { titleZh: `分论坛四·柔性电子${tag}`, hallZh: `308会议室${tag}` };
	const gate = `分论坛三入口${tag}`;

	// The admin: two sub-forums, then a new gate that is the first one's door.
	await signIn(page, 'admin');
	const fullId = await addForum(page, full);
	const openId = await addForum(page, open);
	await page.goto(`${ADMIN}/agenda?edition=${sensor.id}`);
	await expect(page.locator(`[data-session="${full.titleZh}"]`)).toContainText('已报名 0 / 2 座');
	await expect(page.locator(`[data-session="${full.titleZh}"]`)).toContainText('仅限报名');
	await expect(page.locator(`[data-session="${open.titleZh}"]`)).toBeVisible();

	await page.goto(`${ADMIN}/settings/checkpoints`);
	const create = page.locator('form[action="?/create"]');
	await create.getByLabel('大会').selectOption({ label: sensor.nameZh });
	await create.getByLabel('中文名称').fill(gate);
	await create.getByLabel('英文名称').fill(`Sub-forum 3 door ${tag}`);
	await create.getByLabel('所属场次（会场入口）').selectOption(String(fullId));
	await create.getByRole('button', { name: '新增' }).click();
	await expect(page.getByRole('status')).toContainText(`已新增“${gate}”`);
	await expect(
		page.locator(`[data-checkpoint="${gate}"]`).getByTestId('gate-session')
	).toContainText(`${full.titleZh} · ${full.hallZh} 入口`);

	// Three attendees with confirmed tickets.
	const [first, second, third] = await Promise.all(
		['甲', '乙', '丙'].map((who) =>
			registerAttendee(request, { conferenceId: sensor.id, name: uniqueName(who) })
		)
	);

	const attendees = await browser.newContext();
	try {
		// The third opens the picker while both seats are free, and presses last.
		const late = await attendees.newPage();
		await late.goto(`${ATTENDEE}/ticket/${third!.secret}/agenda`);
		const lateChoice = late.locator(`[data-session-id="${fullId}"]`);
		await expect(lateChoice.getByTestId('seats-left')).toHaveText('剩余 2 个名额');
		await expect(late.locator(`[data-session-id="${openId}"]`)).toContainText(open.titleZh);

		for (const attendee of [first!, second!]) {
			const own = await attendees.newPage();
			await own.goto(`${ATTENDEE}/ticket/${attendee.secret}/agenda`);
			await own
				.locator(`[data-session-id="${fullId}"]`)
				.getByRole('button', { name: `报名：${full.titleZh}` })
				.click();
			await expect(own.getByTestId('signup-result')).toContainText(`已报名：${full.titleZh}`);
			await own.close();
		}

		await lateChoice.getByRole('button', { name: `报名：${full.titleZh}` }).click();
		const refused = late.getByTestId('signup-refused');
		await expect(refused).toHaveAttribute('data-reason', 'session_full');
		await expect(refused).toContainText('该论坛名额已满');
		await late.reload();
		await expect(lateChoice.getByTestId('session-blocked')).toHaveText('名额已满');
		// Their ticket page's agenda has nothing of the forum.
		await late.goto(`${ATTENDEE}/ticket/${third!.secret}`);
		await expect(late.getByTestId('my-agenda')).toBeVisible();
		await expect(late.getByTestId('my-session')).toHaveCount(0);
	} finally {
		await attendees.close();
	}
	await page.goto(`${ADMIN}/agenda?edition=${sensor.id}`);
	await expect(page.locator(`[data-session="${full.titleZh}"]`)).toContainText('已报名 2 / 2 座');

	// The door: that forum's gate, picked on /checkin like any other.
	const door = await browser.newContext();
	const leaders = await browser.newContext();
	try {
		const scanner = await door.newPage();
		await signIn(scanner, 'door');
		await scanner.goto(`${ADMIN}/checkin`);
		await scanner.getByLabel('大会').selectOption({ label: sensor.nameZh });
		const option = scanner.getByLabel('闸口').locator('option', { hasText: gate });
		await expect(option).toContainText(`${full.titleZh} · ${full.hallZh}`);
		await scanner.getByLabel('闸口').selectOption((await option.getAttribute('value'))!);
		await scanner.getByRole('button', { name: '开始检票' }).click();
		await expect(scanner.getByTestId('gate-name')).toHaveText(gate);
		await expect(scanner.getByTestId('gate-session')).toContainText(full.titleZh);

		const admitted = await scan(scanner, first!.token, 'ok');
		await expect(admitted).toContainText(first!.name);
		// The third, told the forum was full, did not sign up: refused with that reason.
		await wedgeScan(scanner, third!.token);
		const notSignedUp = scanner.locator('[data-testid="verdict"][data-reason="not_signed_up"]');
		await expect(notSignedUp).toBeVisible();
		await expect(notSignedUp).toContainText(`未报名「${full.titleZh}」，本场仅限已报名者入场`);
		await expect(notSignedUp).toContainText(third!.name);
		await scanner.keyboard.press('Escape');
		await expect(scanner.getByTestId('verdict')).toHaveCount(0);

		// Leadership's /live: one of the forum's two seats taken.
		const leader = await leaders.newPage();
		await signIn(leader, 'leader');
		await leader.goto(`${ADMIN}/live`);
		await expect(leader.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live', {
			timeout: HYDRATED_WITHIN
		});
		const row = leader
			.locator(`[data-sessions="${sensor.id}"]`)
			.getByTestId('session-ranking')
			.locator(`tr[data-session="${fullId}"]`);
		await expect(row.getByRole('rowheader')).toContainText(full.titleZh);
		const cells = row.getByRole('cell');
		await expect(cells.nth(1)).toHaveText('1');
		await expect(cells.nth(2)).toHaveText('2');
		await expect(cells.nth(3)).toHaveText('50%');
		// The open forum has no gate: nobody counts it, so it is not ranked.
		await expect(
			leader.getByTestId('session-ranking').locator(`tr[data-session="${openId}"]`)
		).toHaveCount(0);
	} finally {
		await leaders.close();
		await door.close();
	}
});
