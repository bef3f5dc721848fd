import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { registerAttendee, uniqueMobile, uniqueName } from '../support/attendees.ts';
import { current, SHARED_DATABASE } from '../support/editions.ts';
import { ATTENDEE } from '../support/origins.ts';
import { sqlite, sqliteValue } from '../support/processes.ts';

/**
 * A sub-forum of the open sensor edition with `capacity` seats, sign-up only, a month from now:
 * written into the run's database directly (the agenda console is another part of issue #15).
 */
function seedForum(conferenceId: string, titleZh: string, capacity: number): number {
	const startsAt = Date.now() + 30 * 24 * 60 * 60 * 1000;
	const endsAt = startsAt + 3 * 60 * 60 * 1000;
	const status = sqlite(SHARED_DATABASE, [
		`INSERT INTO agenda_sessions (conference_id, kind, title_zh, title_en, starts_at, ends_at,
			hall_zh, hall_en, capacity, signup_required, language, created_at)
		 VALUES ('${conferenceId}', 'sub_forum', '${titleZh}', '${titleZh} (EN)', ${startsAt}, ${endsAt},
			'307会议室', 'Room 307', ${capacity}, 1, 'zh', ${Date.now()})`
	]);
	expect(status).toBe(0);
	const id = sqliteValue(
		SHARED_DATABASE,
		`SELECT id FROM agenda_sessions WHERE title_zh = '${titleZh}'`
	);
	expect(typeof id).toBe('number');
	return id as number;
}

/** No serious or critical axe finding, nor content outside the landmarks (as a11y.spec.ts). */
async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	const refused = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'region')
		.map((v) => ({ rule: v.id, where: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
	expect(refused).toEqual([]);
}

test('three attendees try a forum of two seats: two get one, the third is told it is full, without JavaScript too', async ({
	browser,
	request
}) => {
	const { sensor } = current();
	const title = uniqueName('分论坛三');
	const forumId = seedForum(sensor.id, title, 2);
	const [first, second, third] = await Promise.all(
		['甲', '乙', '丙'].map((who) =>
			registerAttendee(request, { conferenceId: sensor.id, name: uniqueName(who) })
		)
	);

	// The third opens the picker while two seats are still free, and presses last.
	const scripted = await browser.newContext();
	const late = await scripted.newPage();
	await late.goto(`${ATTENDEE}/ticket/${third!.secret}/agenda`);
	const lateChoice = late.locator(`[data-session-id="${forumId}"]`);
	await expect(lateChoice.getByTestId('seats-left')).toHaveText('剩余 2 个名额');

	// The first signs up with JavaScript on; the second with it off (plain form posts).
	const withScripts = await scripted.newPage();
	await withScripts.goto(`${ATTENDEE}/ticket/${first!.secret}/agenda`);
	await withScripts
		.locator(`[data-session-id="${forumId}"]`)
		.getByRole('button', { name: `报名：${title}` })
		.click();
	await expect(withScripts.getByTestId('signup-result')).toContainText(`已报名：${title}`);

	const noScripts = await browser.newContext({ javaScriptEnabled: false });
	const plain = await noScripts.newPage();
	await plain.goto(`${ATTENDEE}/ticket/${second!.secret}/agenda`);
	await plain
		.locator(`[data-session-id="${forumId}"]`)
		.getByRole('button', { name: `报名：${title}` })
		.click();
	await expect(plain.getByTestId('signup-result')).toContainText(`已报名：${title}`);
	await expect(plain.locator(`[data-session-id="${forumId}"]`)).toContainText('已报名');
	// My agenda on the ticket page lists it, with a cancel button, still without JavaScript.
	await plain.goto(`${ATTENDEE}/ticket/${second!.secret}`);
	const mine = plain.getByTestId('my-agenda');
	await expect(mine.getByTestId('my-session')).toHaveCount(1);
	await expect(mine).toContainText(title);
	await expect(mine).toContainText('307会议室');
	await expect(mine.getByRole('button', { name: `取消报名：${title}` })).toBeVisible();

	await lateChoice.getByRole('button', { name: `报名：${title}` }).click();
	await expect(late.getByTestId('signup-refused')).toHaveAttribute('data-reason', 'session_full');
	await expect(late.getByTestId('signup-refused')).toContainText('该论坛名额已满');
	await late.reload();
	await expect(lateChoice.getByTestId('session-blocked')).toHaveText('名额已满');
	await expectAccessible(late);
	await withScripts.goto(`${ATTENDEE}/ticket/${first!.secret}`);
	await expect(withScripts.getByTestId('my-session')).toHaveCount(1);
	await expectAccessible(withScripts);

	// The calendar file of the ticket carries the forum.
	const ics = await request.get(`${ATTENDEE}/ticket/${first!.secret}/calendar.ics`);
	expect((await ics.text()).replace(/\r\n[ \t]/g, '')).toContain(`SUMMARY:${title}`);

	await noScripts.close();
	await scripted.close();
});

test('without JavaScript, the registration form signs up for a ticked forum in the same submit', async ({
	browser
}) => {
	const { sensor } = current();
	const title = uniqueName('分论坛五');
	seedForum(sensor.id, title, 5);
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(`${ATTENDEE}/c/${sensor.id}/register`);
	await page.getByRole('radio', { name: /^观众/ }).check();
	await page.getByRole('checkbox', { name: new RegExp(title) }).check();
	await page.getByLabel('姓名').fill(uniqueName('钱'));
	await page.getByLabel('单位').fill('郑州大学');
	await page.getByLabel('手机号', { exact: true }).fill(uniqueMobile());
	await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
	await page.getByRole('button', { name: '提交报名' }).click();

	await expect(page).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	const mine = page.getByTestId('my-agenda');
	await expect(mine.getByTestId('my-session')).toHaveCount(1);
	await expect(mine).toContainText(title);
	await context.close();
});
