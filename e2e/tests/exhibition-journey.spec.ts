import { expect, test } from '@playwright/test';
import { openGate, uniqueMobile, uniqueName, wedgeScan } from '../support/attendees.ts';
import { current, SHARED_DATABASE } from '../support/editions.ts';
import {
	applyAsCompany,
	approveApplication,
	openApplications,
	uniqueCreditCode
} from '../support/exhibition-apply.ts';
import {
	assignBooth,
	createBooth,
	pickExhibitor,
	seedApprovedExhibitor
} from '../support/exhibition-booths.ts';
import { exportLeads, registerVisitor, scanLead } from '../support/exhibition-leads.ts';
import {
	addSetupPass,
	addStaff,
	setSetupDays,
	ticketTokenOf
} from '../support/exhibition-passes.ts';
import { ATTENDEE } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

/*
 * The exhibition from end to end (the "Done when"): a company applies and an admin
 * approves it and assigns it booth A-101 (18 ㎡); a second assignment of A-101 is refused; the
 * company's page registers six staff and refuses the seventh; its set-up pass is refused at a
 * gate after the set-up days; one of its staff scans a visitor who agreed to share contacts and
 * one who did not, and the export carries contacts for the first only. Each step is one part's
 * own journey step (e2e/support/exhibition-*.ts), composed here on the sensor edition, whose
 * A-101 no other journey of the shared database numbers.
 */

const beijingDay = (daysFromToday: number) =>
	new Date(Date.now() + 8 * 3600_000 + daysFromToday * 86_400_000).toISOString().slice(0, 10);

test('a company applies and is approved, holds A-101 alone, registers six staff but not a seventh; its set-up pass is refused after the set-up days; its leads export contacts only of the visitor who consented', async ({
	page,
	browser,
	request
}) => {
	test.setTimeout(180_000);
	const edition = current().sensor;
	openApplications(edition.id);

	// The company applies on the attendee site; an admin approves it in the console.
	const companyZh = uniqueName('郑州智感科技');
	const exhibitorUrl = await applyAsCompany(page, edition.id, {
		companyZh,
		companyEn: 'Zhengzhou Smart Sensing',
		creditCode: uniqueCreditCode(),
		squareMetres: 18
	});
	const admin = await (await browser.newContext()).newPage();
	await signIn(admin, 'admin');
	await approveApplication(admin, companyZh, edition.id);

	// A-101 (18 ㎡): two admins open its assignment at once, each for another company; the first
	// to press holds it, the second is refused with the holder's name.
	const where = { conferenceId: edition.id };
	await createBooth(admin, { hall: 'A', number: 'A-101', area: 18, type: 'standard' }, where);
	const rival = uniqueName('另一家展商');
	seedApprovedExhibitor(SHARED_DATABASE, {
		conferenceId: edition.id,
		companyZh: rival,
		companyEn: 'Another exhibitor',
		creditCode: uniqueCreditCode()
	});
	const secondAdmin = await (await browser.newContext()).newPage();
	await signIn(secondAdmin, 'admin');
	await pickExhibitor(secondAdmin, 'A-101', rival, where);
	expect(await assignBooth(admin, 'A-101', companyZh, where)).toBe(`A-101 已分配给 ${companyZh}。`);
	expect(await assignBooth(secondAdmin, 'A-101', rival, where)).toBe(
		`A-101 已分配给 ${companyZh}，未作更改。请先释放该展位，或另选展位。`
	);

	// Its page: 18 ㎡ at one badge per 3 ㎡ gives six staff; the seventh is refused.
	await page.goto(exhibitorUrl);
	await expect(page.getByTestId('booths')).toContainText('A-101 · 18㎡ · 标准展位');
	const staff: string[] = [];
	for (let i = 1; i <= 6; i++) {
		const added = await addStaff(page, exhibitorUrl, {
			name: uniqueName(`展台员${i}`),
			title: '销售经理',
			mobile: uniqueMobile()
		});
		if (!added.added) throw new Error(`staff ${i} was refused: ${added.refusal}`);
		staff.push(added.ticketSecret);
	}
	expect(
		await addStaff(page, exhibitorUrl, { name: uniqueName('展台员7'), mobile: uniqueMobile() })
	).toEqual({
		added: false,
		refusal: '按已分配展位 18㎡、每 3㎡ 1 人、至少 2 人计，可登记 6 人，已满'
	});

	// A set-up pass, scanned at the exhibitors' gate on a day after the set-up days.
	setSetupDays(edition.id, { startsOn: beijingDay(-3), endsOn: beijingDay(-1) });
	const setup = await addSetupPass(page, exhibitorUrl, {
		name: uniqueName('布展工'),
		mobile: uniqueMobile()
	});
	if (!setup.added) throw new Error(`the set-up pass was refused: ${setup.refusal}`);
	const door = await (await browser.newContext()).newPage();
	await signIn(door, 'door');
	await openGate(door, edition.nameZh, '展商通道');
	await wedgeScan(door, await ticketTokenOf(request, setup.ticketSecret));
	await expect(
		door.locator('[data-testid="verdict"][data-reason="outside_setup_days"]')
	).toContainText('布展证仅在布展期有效');

	// A staff member scans two visitors at the booth: one shares contacts, one does not.
	const sharing = uniqueName('愿留联系方式');
	const keeping = uniqueName('不留联系方式');
	const visitor = await (await browser.newContext()).newPage();
	const shared = await registerVisitor(visitor, edition.id, sharing, true);
	const kept = await registerVisitor(visitor, edition.id, keeping, false);
	const staffTicket = `${ATTENDEE}/ticket/${staff[0]}`;
	expect((await scanLead(page, staffTicket, shared.reference)).outcome).toBe('added');
	expect((await scanLead(page, staffTicket, kept.reference)).outcome).toBe('added');

	const rows = await exportLeads(page, exhibitorUrl);
	const byName = Object.fromEntries(rows.map((r) => [r['姓名'], r]));
	expect(Object.keys(byName).sort()).toEqual([sharing, keeping].sort());
	expect(byName[sharing]?.['手机']).toMatch(/^\+86139\d{8}$/);
	expect(byName[keeping]?.['手机']).toBeNull();
	expect(byName[keeping]?.['邮箱']).toBeNull();

	// The visitor sees on their ticket which exhibitor scanned them.
	await visitor.goto(shared.ticketUrl);
	await expect(visitor.getByTestId('scanned-me')).toContainText(companyZh);
});
