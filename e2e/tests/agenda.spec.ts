import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, ATTENDEE } from '../support/origins.ts';
import { current } from '../support/editions.ts';
import { signIn } from '../support/staff.ts';

/*
 * The agenda from the console to the attendee's phone: an admin sets up two sub-forums (one with
 * two seats and by sign-up only), the console refuses a third in the same hall at the same time
 * naming the forum there, and the public agenda lists both with JavaScript off; its pages pass
 * axe.
 */

test.describe.configure({ mode: 'serial', timeout: 90_000 });

/** The third day of the edition: the demo agenda leaves these rooms free. */
const thirdDay = () =>
	new Date(Date.parse(`${current().sensor.startsOn}T00:00:00Z`) + 2 * 86_400_000)
		.toISOString()
		.slice(0, 10);

const FULL = {
	titleZh: '分论坛七：传感器标准化（E2E）',
	titleEn: 'Sub-forum 7: Sensor standards (E2E)',
	hallZh: 'E2E-601会议室',
	hallEn: 'Room E2E-601'
};
const OPEN = {
	titleZh: '分论坛八：柔性电子（E2E）',
	titleEn: 'Sub-forum 8: Flexible electronics (E2E)',
	hallZh: 'E2E-602会议室',
	hallEn: 'Room E2E-602'
};

/** What axe finds serious or critical on the page, and content outside the landmarks. */
async function seriousFindings(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'region')
		.map((v) => ({ rule: v.id, where: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
}

async function fillSession(
	page: Page,
	s: typeof FULL,
	options: { capacity?: string; signupOnly?: boolean; start?: string; end?: string } = {}
) {
	await page.getByLabel('类型').selectOption('sub_forum');
	await page.getByLabel('标题（中文）').fill(s.titleZh);
	await page.getByLabel('标题（英文）').fill(s.titleEn);
	await page.getByLabel('日期').fill(thirdDay());
	await page.getByLabel('开始时间（北京时间）').fill(options.start ?? '14:00');
	await page.getByLabel('结束时间（北京时间）').fill(options.end ?? '16:00');
	await page.getByLabel('会场（中文）').fill(s.hallZh);
	await page.getByLabel('会场（英文）').fill(s.hallEn);
	if (options.capacity) await page.getByLabel('座位数（可选）').fill(options.capacity);
	if (options.signupOnly) await page.getByLabel('仅限报名者入场').check();
}

test('an admin sets up two sub-forums; an overlap in the same hall is refused naming the other', async ({
	page
}) => {
	const sensor = current().sensor;
	await signIn(page, 'admin');
	await page
		.getByRole('navigation', { name: '主导航' })
		.getByRole('link', { name: '议程' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('议程');
	await page.goto(`${ADMIN}/agenda?edition=${sensor.id}`);
	await page.getByRole('link', { name: '添加议程' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('添加议程');

	await fillSession(page, FULL, { capacity: '2', signupOnly: true });
	await page.getByRole('button', { name: '添加议程' }).click();
	await expect(page.getByText('议程已添加')).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(FULL.titleZh);

	// Its speaker, through the editor's blank row, with the keyboard's Enter.
	await page.getByLabel('姓名（中文）').fill('周文');
	await page.getByLabel('姓名（英文）').fill('Zhou Wen');
	await page.getByLabel('单位（中文）').fill('郑州大学');
	await page.getByLabel('单位（英文）').press('Enter');
	await expect(page.getByText('嘉宾已保存。')).toBeVisible();
	await expect(page.getByRole('group', { name: '嘉宾 1' })).toBeVisible();
	// The console's session page too: every field labelled, errors tied to their fields.
	expect(await seriousFindings(page)).toEqual([]);

	await page.goto(`${ADMIN}/agenda/new?edition=${sensor.id}`);
	await fillSession(page, OPEN);
	await page.getByRole('button', { name: '添加议程' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(OPEN.titleZh);

	await page.goto(`${ADMIN}/agenda/new?edition=${sensor.id}`);
	await fillSession(
		page,
		{ ...OPEN, titleZh: '冲突（E2E）', hallZh: FULL.hallZh },
		{
			start: '15:00',
			end: '17:00'
		}
	);
	await page.getByRole('button', { name: '添加议程' }).click();
	const clash = page.locator('[data-reason="session_overlap"]');
	await expect(clash).toContainText(`「${FULL.titleZh}」时间冲突`);
	await expect(clash).toContainText('14:00–16:00');

	// An end before the start is refused beside the end time.
	await page.getByLabel('结束时间（北京时间）').fill('13:00');
	await page.getByRole('button', { name: '添加议程' }).click();
	await expect(page.locator('[data-field="endTime"]')).toHaveText(
		'结束时间须晚于开始时间（同一天内）。'
	);

	await page.goto(`${ADMIN}/agenda?edition=${sensor.id}`);
	await expect(page.locator(`[data-session="${FULL.titleZh}"]`)).toContainText('已报名 0 / 2 座');
	await expect(page.locator(`[data-session="${FULL.titleZh}"]`)).toContainText('仅限报名');
	await expect(page.locator('[data-session="冲突（E2E）"]')).toHaveCount(0);
});

test('the public agenda lists both forums with JavaScript off, and each has its page and calendar file', async ({
	browser
}) => {
	const sensor = current().sensor;
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN' });
	const page = await context.newPage();
	await page.goto(`${ATTENDEE}/c/${sensor.id}`);
	await page.getByRole('link', { name: '查看议程' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('议程');
	await expect(page.getByRole('link', { name: FULL.titleZh })).toBeVisible();
	await expect(page.getByRole('link', { name: OPEN.titleZh })).toBeVisible();
	// The track filter is plain links: one track's sessions only, without scripts.
	await page
		.getByRole('navigation', { name: '专题' })
		.getByRole('link', { name: '智能感知' })
		.click();
	await expect(page).toHaveURL(/track=/);
	await expect(page.getByRole('link', { name: FULL.titleZh })).toHaveCount(0);
	await expect(page.getByRole('link', { name: /分论坛一/ })).toBeVisible();
	await page.getByRole('navigation', { name: '专题' }).getByRole('link', { name: '全部' }).click();

	await page.getByRole('link', { name: FULL.titleZh }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(FULL.titleZh);
	await expect(page.getByText('剩余 2 席（共 2 席）')).toBeVisible();
	await expect(page.getByRole('heading', { name: '需提前报名' })).toBeVisible();
	await expect(
		page.locator('section.signup').getByRole('link', { name: '查找我的门票' })
	).toHaveAttribute('href', /(^\/|\.\.\/)find$/);
	await expect(page.getByText('周文')).toBeVisible();
	await expect(page.getByText('14:00–16:00')).toBeVisible();

	const href = await page.getByRole('link', { name: '添加到日历' }).getAttribute('href');
	// The site writes relative links: read it against the page's address.
	const ics = await context.request.get(new URL(href ?? '', page.url()).href);
	expect(ics.headers()['content-type']).toContain('text/calendar');
	const text = (await ics.text()).replace(/\r\n[ \t]/g, '');
	// 14:00 Beijing is 06:00 UTC.
	expect(text).toContain(`DTSTART:${thirdDay().replaceAll('-', '')}T060000Z`);
	expect(text).toContain(FULL.hallZh);
	await context.close();
});

test('the agenda and a session page pass axe: labels, headings, contrast', async ({ page }) => {
	await page.goto(`${ATTENDEE}/c/${current().sensor.id}/agenda`);
	await page.waitForLoadState('networkidle');
	expect(await seriousFindings(page)).toEqual([]);
	await page.getByRole('link', { name: FULL.titleZh }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(FULL.titleZh);
	await page.waitForLoadState('networkidle');
	expect(await seriousFindings(page)).toEqual([]);
});
