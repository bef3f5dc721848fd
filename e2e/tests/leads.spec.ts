import { expect, test, type Page } from '@playwright/test';
import { registerAttendee, uniqueMobile, uniqueName } from '../support/attendees.ts';
import { current, SHARED_DATABASE } from '../support/editions.ts';
import {
	exportLeads,
	rateLead,
	scanLead,
	seedExhibitorWithStaff
} from '../support/exhibition-leads.ts';
import { ATTENDEE } from '../support/origins.ts';

/** Registers on the open form; `share` ticks the separate consent to share contacts. */
async function register(page: Page, conferenceId: string, name: string, share: boolean) {
	await page.goto(`${ATTENDEE}/c/${conferenceId}/register`);
	await page.getByRole('radio', { name: /^观众/ }).check();
	await page.getByLabel('姓名').fill(name);
	await page.getByLabel('单位').fill('线索测试单位');
	await page.getByLabel('职务').fill('采购经理');
	await page.locator('#mobile').fill(uniqueMobile());
	await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
	const shareBox = page.getByRole('checkbox', { name: /向我扫码的展商提供我的手机和邮箱/ });
	await expect(shareBox).not.toBeChecked();
	if (share) await shareBox.check();
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	return {
		ticketUrl: page.url(),
		reference: ((await page.getByTestId('ticket-reference').textContent()) ?? '').trim()
	};
}

test('a staff member scans a visitor who shares contacts and one who does not; the export has contacts for the first only, and the visitor sees the exhibitor', async ({
	page
}) => {
	const sensor = current().sensor;
	const exhibitor = seedExhibitorWithStaff(SHARED_DATABASE, sensor.id, {
		companyZh: uniqueName('线索展商'),
		staffName: uniqueName('展台员')
	});
	const sharing = { name: uniqueName('愿分享') };
	const private_ = { name: uniqueName('不分享') };
	const shared = await register(page, sensor.id, sharing.name, true);
	const kept = await register(page, sensor.id, private_.name, false);

	const first = await scanLead(page, exhibitor.staffTicketUrl, shared.reference);
	expect(first.outcome).toBe('added');
	expect(first.text).toContain(sharing.name);
	expect(first.text).toMatch(/\+86139\d{8}/);
	const second = await scanLead(page, exhibitor.staffTicketUrl, kept.reference);
	expect(second.outcome).toBe('added');
	expect(second.text).toContain('未同意向展商提供联系方式');
	expect(second.text).not.toMatch(/\+86/);
	// The same visitor again: the lead already there.
	const again = await scanLead(page, exhibitor.staffTicketUrl, shared.reference);
	expect(again.outcome).toBe('existing');
	expect(again.text).toContain('已在您的线索中');

	await rateLead(page, sharing.name, '热', '要样品');

	const rows = await exportLeads(page, exhibitor.exhibitorUrl);
	const byName = Object.fromEntries(rows.map((r) => [r['姓名'], r]));
	expect(Object.keys(byName).sort()).toEqual([sharing.name, private_.name].sort());
	expect(byName[sharing.name]).toMatchObject({ 评级: '热', 备注: '要样品' });
	expect(byName[sharing.name]?.['手机']).toMatch(/^\+86139\d{8}$/);
	expect(byName[private_.name]?.['手机']).toBeNull();
	expect(byName[private_.name]?.['邮箱']).toBeNull();

	await page.goto(shared.ticketUrl);
	await expect(page.getByTestId('scanned-me')).toContainText(exhibitor.companyZh);
});

test('a visitor’s ticket does not open the scanning page; it says who may use it', async ({
	page
}) => {
	const visitor = await register(page, current().sensor.id, uniqueName('访客'), false);
	await page.goto(`${visitor.ticketUrl}/leads`);
	await expect(page.getByTestId('leads-not-staff')).toContainText('展商的工作人员');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a typed reference becomes a lead, and a second one is the lead already there', async ({
		page,
		request
	}) => {
		const sensor = current().sensor;
		const exhibitor = seedExhibitorWithStaff(SHARED_DATABASE, sensor.id, {
			companyZh: uniqueName('无脚本展商'),
			staffName: uniqueName('展台员')
		});
		const visitor = await registerAttendee(request, {
			conferenceId: sensor.id,
			name: uniqueName('无脚本访客')
		});
		const first = await scanLead(page, exhibitor.staffTicketUrl, visitor.reference);
		expect(first).toMatchObject({ outcome: 'added' });
		expect(first.text).toContain(visitor.name);
		expect((await scanLead(page, exhibitor.staffTicketUrl, visitor.reference)).outcome).toBe(
			'existing'
		);
	});
});
