import { expect, test } from '@playwright/test';
import { registerAttendee, uniqueName } from '../support/attendees.ts';
import { current, SHARED_DATABASE } from '../support/editions.ts';
import {
	exportLeads,
	rateLead,
	registerVisitor,
	scanLead,
	seedExhibitorWithStaff
} from '../support/exhibition-leads.ts';

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
	const shared = await registerVisitor(page, sensor.id, sharing.name, true);
	const kept = await registerVisitor(page, sensor.id, private_.name, false);

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
	const visitor = await registerVisitor(page, current().sensor.id, uniqueName('访客'), false);
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
