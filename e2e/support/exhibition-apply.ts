import { randomInt } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { creditCodeCheckCharacter } from '@huizhan/ledger';
import { SHARED_DATABASE } from './editions.ts';
import { ADMIN, ATTENDEE } from './origins.ts';
import { sqlite } from './processes.ts';

/*
 * Reusable steps of the exhibition's journeys (issue #16): a company applies on the attendee
 * site, an admin approves it in the console. The whole “Done when” journey composes these.
 */

/** A valid credit code no other run has used: the shared database outlives a run. */
export function uniqueCreditCode(): string {
	const first17 = `914101007${String(randomInt(10 ** 7, 10 ** 8))}`;
	return first17 + creditCodeCheckCharacter(first17);
}

/**
 * Opens an edition's applications behind the console's back (the exhibition settings are another
 * part of the issue), on the shared database unless another is named.
 */
export function openApplications(conferenceId: string, database = SHARED_DATABASE) {
	expect(
		sqlite(database, [
			`INSERT INTO exhibition_rules (conference_id, applications_open) VALUES ('${conferenceId}', 1)
			 ON CONFLICT (conference_id) DO UPDATE SET applications_open = 1`
		])
	).toBe(0);
}

export interface CompanyFields {
	companyZh: string;
	companyEn?: string;
	creditCode: string;
	contactName?: string;
	mobile?: string;
	email?: string;
	productsZh?: string;
	boothType?: 'standard' | 'raw';
	squareMetres?: number;
}

/** Fills the application form as a company would (the page must show it). */
export async function fillApplication(page: Page, fields: CompanyFields) {
	await page.getByLabel('企业名称（中文）').fill(fields.companyZh);
	await page.getByLabel('企业名称（英文）').fill(fields.companyEn ?? '');
	await page.getByLabel('统一社会信用代码').fill(fields.creditCode);
	await page.getByLabel('展品及主营产品（中文）').fill(fields.productsZh ?? '气体传感器、智能仪表');
	await page
		.getByLabel(fields.boothType === 'raw' ? '光地（自行搭建）' : '标准展位（含搭建）')
		.check();
	await page.getByLabel('所需面积（㎡）').fill(String(fields.squareMetres ?? 18));
	await page.getByLabel('联系人姓名').fill(fields.contactName ?? '王五');
	await page.getByLabel('手机号', { exact: true }).fill(fields.mobile ?? '');
	await page.getByLabel(/^邮箱/).fill(fields.email ?? 'expo@example.com');
	await page.getByLabel(/我已阅读并同意/).check();
}

/**
 * A company applies to an edition (its applications open) and lands on its application's page;
 * returns the exhibitor page's address (`<ATTENDEE>/exhibitor/<secret>`).
 */
export async function applyAsCompany(
	page: Page,
	conference: string,
	fields: CompanyFields
): Promise<string> {
	await page.goto(`${ATTENDEE}/c/${conference}/exhibit`);
	await fillApplication(page, fields);
	await page.getByRole('button', { name: '提交申请' }).click();
	await expect(page).toHaveURL(/\/exhibitor\/[A-Za-z0-9_-]{22}\/application/);
	await expect(page.getByTestId('application-status')).toContainText('待审核');
	const url = new URL(page.url());
	return `${ATTENDEE}${url.pathname.replace(/\/application$/, '')}`;
}

/**
 * Opens a company's application in the console (admin signed in) by its Chinese name, searching
 * each edition the list offers (or the one named).
 */
export async function openApplication(adminPage: Page, companyZh: string, conference?: string) {
	const list = (id: string) =>
		`${ADMIN}/exhibition/applications?conference=${id}&q=${encodeURIComponent(companyZh)}`;
	await adminPage.goto(list(conference ?? ''));
	const editions = conference
		? [conference]
		: await adminPage
				.locator('select[name="conference"] option')
				.evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
	for (const id of editions) {
		await adminPage.goto(list(id));
		const link = adminPage.getByTestId('applications').getByRole('link', { name: companyZh });
		if ((await link.count()) === 0) continue;
		await link.click();
		await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText(companyZh);
		return;
	}
	throw new Error(`no application from ${companyZh} in the console`);
}

/** An admin (signed in on `adminPage`) approves a company's application. */
export async function approveApplication(adminPage: Page, companyZh: string, conference?: string) {
	await openApplication(adminPage, companyZh, conference);
	await adminPage.getByTestId('approve').click();
	await expect(adminPage.getByTestId('exhibitor-status')).toContainText('已通过');
}
