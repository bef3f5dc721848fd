import { randomInt } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { current } from '../support/editions.ts';
import { ADMIN, ATTENDEE } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

/*
 * A delegation end to end (issue #14): an admin creates one with a quota of four; its leader
 * uploads five members by spreadsheet and is refused as a whole, then four, who get four
 * tickets; their badges print on one A4 sheet, and a category's on ceil(N / 4).
 */

/** Mobiles no other run has used: the shared database outlives a run's journeys. */
const mobiles = (n: number) => {
	const base = randomInt(10_000_000, 90_000_000);
	return Array.from({ length: n }, (_, i) => `139${base + i}`);
};

const csv = (rows: string[][]) =>
	Buffer.from(`\ufeff姓名,单位,职务,手机,邮箱\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);

/** Pages in a PDF as the browser printed it. */
const pdfPages = async (page: Page) => {
	const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString(
		'latin1'
	);
	return pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
};

async function check(page: Page, rows: string[][]) {
	await page.getByLabel(/成员名单/).setInputFiles({
		name: '成员名单.csv',
		mimeType: 'text/csv',
		buffer: csv(rows)
	});
	await page.getByRole('button', { name: '检查表格' }).click();
}

test('a leader is refused five members against a quota of four, then adds four and prints their badges', async ({
	page
}) => {
	const { sensor } = current();
	const name = `测试代表团${randomInt(1_000_000)}`;
	await signIn(page, 'admin');
	await page.goto(`${ADMIN}/delegations`);
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('大会').selectOption(sensor.id);
	await form.getByLabel('类别').selectOption('delegate');
	await form.getByLabel('代表团名称').fill(name);
	await form.getByLabel('单位', { exact: true }).fill('深圳市商务局');
	await form.getByLabel('团长（联络人）').fill('李军');
	await form.getByLabel('团长手机').fill(mobiles(1)[0]!);
	await form.getByLabel('名额').fill('4');
	await form.getByRole('button', { name: '创建并发送链接' }).click();
	await expect(page.getByRole('status')).toContainText(name);
	await page.getByRole('status').getByRole('link').click();
	await expect(page).toHaveURL(/\/delegations\/\d+$/);
	await expect(page.getByTestId('fill')).toHaveText('0 / 4');
	const link = await page.getByTestId('leader-link').innerText();
	expect(link).toMatch(/\/d\/[A-Za-z0-9_-]{22}$/);
	const leaderPage = `${ATTENDEE}${link.slice(link.indexOf('/d/'))}`;

	await page.goto(leaderPage);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	const people = mobiles(5).map((mobile, i) => [`成员${i + 1}`, '', '处长', mobile, '']);
	await check(page, people);
	await expect(page.getByTestId('sheet-refusal')).toContainText('只剩 4 个名额');
	await expect(page.getByRole('button', { name: /提交/ })).toHaveCount(0);
	await expect(page.getByTestId('members')).toHaveCount(0);

	await check(page, people.slice(0, 4));
	await expect(page.getByTestId('sheet-ready')).toContainText('4 位成员');
	const submit = page.locator('form[action="?/submit"]');
	await submit.getByLabel(/我已征得成员同意/).check();
	await submit.getByRole('button', { name: '提交 4 位成员' }).click();
	await expect(page.getByRole('status').first()).toContainText('已添加 4 位成员');
	const members = page.getByTestId('members').locator('li');
	await expect(members).toHaveCount(4);
	await expect(page.locator('li[data-status="confirmed"]')).toHaveCount(4);
	await expect(page.getByTestId('places')).toContainText('还可添加 0 人');

	await page.getByTestId('print-badges').click();
	await expect(page.getByTestId('print-badge')).toHaveCount(4);
	await expect(page.getByTestId('print-badge').first().locator('svg')).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	expect(await pdfPages(page)).toBe(1);

	// The console's sheet of every confirmed 嘉宾: ceil(N / 4) pages, exactly.
	await page.emulateMedia({ media: 'screen' });
	await page.goto(`${ADMIN}/badges?by=category&conference=${sensor.id}&category=delegate`);
	const count = Number((await page.getByTestId('badge-count').innerText()).match(/\d+/)![0]);
	expect(count).toBeGreaterThanOrEqual(4);
	await expect(page.getByTestId('print-badge')).toHaveCount(count);
	await page.emulateMedia({ media: 'print' });
	expect(await pdfPages(page)).toBe(Math.ceil(count / 4));
});
