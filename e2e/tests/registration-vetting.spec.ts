import { expect, test } from '@playwright/test';
import { current } from '../support/editions.ts';
import { uniqueMobile, uniqueName } from '../support/attendees.ts';
import { ADMIN, ATTENDEE } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

/*
 * 安保审查 end to end, on the diamond edition's 展商 category, which no other journey registers
 * in: the admin marks the category as needing vetting and asks a question; a registrant answers
 * it and waits without a ticket; the verdict sheet comes back and only then is there a QR code.
 */
test('a vetting category’s registration gets its ticket only after the verdict import', async ({
	page,
	browser
}) => {
	const edition = current().diamond.id;
	await signIn(page, 'admin');
	await page.goto(`${ADMIN}/settings/conferences/${edition}`);
	const category = page.locator('form[data-category="exhibitor"]');
	await category.getByLabel('需安保审查').check();
	await category.getByRole('button', { name: '保存类别' }).click();
	await expect(page.getByRole('status').first()).toContainText('已保存');

	const question = page.getByTestId('question-new');
	await question.getByLabel('类别').selectOption('exhibitor');
	await question.getByLabel('题型').selectOption('yes_no');
	await question.getByLabel('问题（中文）').fill('是否需要住宿');
	await question.getByLabel('问题（英文）').fill('Do you need a hotel room?');
	await question.getByLabel('必答').check();
	await question.getByRole('button', { name: '添加问题' }).click();
	await expect(page.locator('[data-question]', { hasText: '是否需要住宿' })).toBeVisible();

	const attendee = await browser.newPage({ locale: 'zh-CN' });
	await attendee.goto(`${ATTENDEE}/c/${edition}/register`);
	const hotel = attendee.getByTestId('questions-exhibitor');
	await expect(hotel).toBeHidden();
	await attendee.locator('input[name="category"][value="exhibitor"]').check();
	await expect(hotel).toBeVisible();
	const name = uniqueName('审查');
	await attendee.getByLabel('姓名', { exact: true }).fill(name);
	await attendee.getByLabel('单位', { exact: true }).fill('郑州磨料磨具磨削研究所');
	await attendee.getByLabel('手机号', { exact: true }).fill(uniqueMobile());
	await attendee.getByLabel('我已阅读并同意上述个人信息的收集和使用。').check();
	await attendee.getByRole('button', { name: '提交报名' }).click();
	// The required question unanswered: refused, named, nothing stored.
	await expect(attendee.getByTestId('error-summary')).toContainText('是否需要住宿');
	await hotel.getByLabel('否').check();
	await attendee.getByLabel('我已阅读并同意上述个人信息的收集和使用。').check();
	await attendee.getByRole('button', { name: '提交报名' }).click();
	await expect(attendee).toHaveURL(/\/ticket\//);
	await expect(attendee.locator('[data-state="pending_vetting"]')).toContainText('等待确认');
	await expect(attendee.getByTestId('ticket-qr')).toHaveCount(0);
	const reference = (await attendee.getByTestId('ticket-reference').innerText()).trim();

	await page.goto(`${ADMIN}/registrations/vetting?conference=${edition}`);
	await expect(page.locator(`tr[data-reference="${reference}"]`)).toContainText(name);
	await page.getByLabel('审查结果表（.xlsx 或 .csv）').setInputFiles({
		name: '审查结果.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`报名编号,姓名,审查结论\r\n${reference},${name},通过\r\n`)
	});
	await page.getByRole('button', { name: '检查（不做更改）' }).click();
	const preview = page.getByTestId('vetting-preview');
	await expect(preview).toContainText('没有问题，可以导入。');
	await preview.getByRole('button', { name: '导入结果' }).click();
	await expect(page.getByTestId('vetting-done')).toContainText('通过 1 人');

	await attendee.reload();
	await expect(attendee.getByTestId('ticket-qr')).toBeVisible();

	// The answer is on the desk.
	await page.goto(`${ADMIN}/registrations?q=${reference}`);
	await expect(page.locator(`tr[data-reference="${reference}"]`)).toContainText('是否需要住宿');

	// Leave the shared edition as other journeys expect it.
	await page.goto(`${ADMIN}/settings/conferences/${edition}`);
	await page
		.locator('[data-question]', { hasText: '是否需要住宿' })
		.getByRole('button', { name: '停用' })
		.click();
	await expect(page.getByRole('status').filter({ hasText: '已停用' })).toBeVisible();
	await category.getByLabel('需安保审查').uncheck();
	await category.getByRole('button', { name: '保存类别' }).click();
	await attendee.close();
});
