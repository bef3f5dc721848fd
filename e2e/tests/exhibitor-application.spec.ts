import { expect, test } from '@playwright/test';
import { uniqueMobile, uniqueName } from '../support/attendees.ts';
import { current } from '../support/editions.ts';
import {
	applyAsCompany,
	approveApplication,
	fillApplication,
	openApplication,
	openApplications,
	uniqueCreditCode
} from '../support/exhibition-apply.ts';
import { ATTENDEE } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

/*
 * Issue #16, applications to exhibit: a company applies (a mistyped check character refused
 * first, in words beside the field), the admin asks for changes, it resubmits, the admin
 * approves; a second application with the same credit code is refused. The sensor edition's
 * applications are opened behind the console's back (its settings are another part).
 */

test('a company applies, is asked for changes, resubmits and is approved; the same code cannot apply twice', async ({
	page,
	browser
}) => {
	const { sensor } = current();
	openApplications(sensor.id);
	const companyZh = uniqueName('郑州测试传感科技有限公司');
	const code = uniqueCreditCode();
	const mistyped = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

	await page.goto(`${ATTENDEE}/c/${sensor.id}`);
	await page.getByRole('link', { name: '参展申请（展商入口）' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('参展申请');
	await fillApplication(page, { companyZh, creditCode: mistyped, mobile: uniqueMobile() });
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page.locator('[data-field="creditCode"]')).toHaveText(
		'统一社会信用代码校验位不符，请核对后重新输入'
	);
	// Typed as people do, with spaces and in lower case: the form stores the normalised code.
	await page
		.getByLabel('统一社会信用代码')
		.fill(`${code.slice(0, 6)} ${code.slice(6, 12).toLowerCase()} ${code.slice(12)}`);
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page).toHaveURL(/\/exhibitor\/[A-Za-z0-9_-]{22}\/application\?submitted/);
	await expect(page.getByTestId('application-status')).toContainText('待审核');
	const applicationPage = page.url().replace(/\?.*$/, '');

	const admin = await browser.newPage();
	await signIn(admin, 'admin');
	await openApplication(admin, companyZh);
	await admin.getByLabel('需要企业修改的内容（企业可见）').fill('请补充企业英文名称');
	await admin.getByTestId('request-changes').click();
	await expect(admin.getByTestId('exhibitor-status')).toContainText('待企业修改');

	await page.goto(applicationPage);
	await expect(page.getByTestId('review-note')).toHaveText('请补充企业英文名称');
	await page.getByLabel('企业名称（英文）').fill('Zhengzhou Test Sensing Co., Ltd.');
	// The consent is asked again: the company may have changed its contact.
	await page.getByLabel(/我已阅读并同意/).check();
	await page.getByRole('button', { name: '重新提交' }).click();
	await expect(page.getByRole('status')).toContainText('修改后的申请已提交');
	await expect(page.getByTestId('application-status')).toContainText('待审核');

	await approveApplication(admin, companyZh);
	await expect(admin.getByText('Zhengzhou Test Sensing Co., Ltd.')).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('application-status')).toContainText('已通过');
	await expect(page.getByTestId('exhibitor-page-link')).toHaveAttribute(
		'href',
		new URL(applicationPage).pathname.replace(/\/application$/, '')
	);

	// The same company, or someone using its code, applies again: refused, nothing revealed.
	const second = await browser.newPage();
	await second.goto(`${ATTENDEE}/c/${sensor.id}/exhibit`);
	await fillApplication(second, {
		companyZh: '另一家公司',
		creditCode: code,
		mobile: uniqueMobile()
	});
	await second.getByRole('button', { name: '提交申请' }).click();
	await expect(second.locator('[data-field="creditCode"]')).toContainText(
		'该企业本届已有一份参展申请'
	);
	await expect(second.locator('[data-field="creditCode"]')).not.toContainText(companyZh);
	await expect(second).toHaveURL(/\/exhibit$/);

	// A different company goes through the reusable steps the whole journey uses.
	const otherZh = uniqueName('中原测试仪表有限公司');
	const exhibitorPage = await applyAsCompany(second, sensor.id, {
		companyZh: otherZh,
		creditCode: uniqueCreditCode(),
		mobile: uniqueMobile()
	});
	expect(exhibitorPage).toMatch(/\/exhibitor\/[A-Za-z0-9_-]{22}$/);
	await approveApplication(admin, otherZh);
});
