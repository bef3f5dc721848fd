import { expect, test } from '@playwright/test';
import { openGate, uniqueMobile, wedgeScan } from '../support/attendees.ts';
import { current } from '../support/editions.ts';
import {
	addSetupPass,
	addStaff,
	seedExhibitorWithBooth,
	ticketTokenOf
} from '../support/exhibition-passes.ts';
import { ATTENDEE } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

/*
 * An exhibitor holding A-101 (18 ㎡) registers its people on its own page: six staff badges (one
 * per 3 ㎡, at least 2), the seventh refused in words that name the rule; and a set-up pass,
 * refused at the gate on a day after the set-up days. The diamond edition, so the sensor
 * edition's A-101 is left to the whole exhibition journey.
 */

const beijingDay = (daysFromToday: number) =>
	new Date(Date.now() + 8 * 3600_000 + daysFromToday * 86_400_000).toISOString().slice(0, 10);

test('six staff badges on 18 ㎡ and no seventh; a set-up pass is refused at the gate after the set-up days', async ({
	page,
	request
}) => {
	const edition = current().diamond;
	const exhibitor = seedExhibitorWithBooth({
		conferenceId: edition.id,
		setupDays: { startsOn: beijingDay(-3), endsOn: beijingDay(-1) }
	});

	await page.goto(exhibitor.url);
	await expect(page.getByTestId('company')).toHaveText(exhibitor.companyZh);
	await expect(page.getByTestId('booths')).toContainText('A-101 · 18㎡ · 标准展位');
	await expect(page.getByTestId('fill-staff')).toContainText('已登记 0 人 / 可登记 6 人');

	for (let i = 1; i <= 6; i++) {
		const outcome = await addStaff(page, exhibitor.url, {
			name: `展台员工${i}`,
			title: '销售',
			mobile: uniqueMobile()
		});
		expect(outcome.added, `staff ${i}`).toBe(true);
	}
	await expect(page.getByTestId('fill-staff')).toContainText('已登记 6 人 / 可登记 6 人');
	const seventh = await addStaff(page, exhibitor.url, {
		name: '展台员工7',
		mobile: uniqueMobile()
	});
	expect(seventh).toEqual({
		added: false,
		refusal: '按已分配展位 18㎡、每 3㎡ 1 人、至少 2 人计，可登记 6 人，已满'
	});

	// On a phone without JavaScript the page works the same: a set-up pass, the form posted as a
	// page, nothing wider than the screen.
	const PHONE = { width: 390, height: 844 };
	const noScript = await page
		.context()
		.browser()!
		.newContext({ javaScriptEnabled: false, viewport: PHONE, isMobile: true });
	const plain = await noScript.newPage();
	const setup = await addSetupPass(plain, exhibitor.url, {
		name: '布展工人',
		mobile: uniqueMobile()
	});
	for (const section of ['passes-staff', 'passes-setup']) {
		const box = await plain.getByTestId(section).boundingBox();
		expect(box!.x + box!.width, section).toBeLessThanOrEqual(PHONE.width);
	}
	await noScript.close();
	if (!setup.added) throw new Error(`the set-up pass was refused: ${setup.refusal}`);

	await page.goto(`${ATTENDEE}/ticket/${setup.ticketSecret}`);
	await expect(page.getByTestId('exhibitor-pass')).toHaveText(
		`布展证 · 仅限布展期 ${beijingDay(-3)} 至 ${beijingDay(-1)} · ${exhibitor.companyZh}`
	);

	const token = await ticketTokenOf(request, setup.ticketSecret);
	await signIn(page, 'door');
	await openGate(page, edition.nameZh, '北门主入口');
	await wedgeScan(page, token);
	const verdict = page.locator('[data-testid="verdict"][data-reason="outside_setup_days"]');
	await expect(verdict).toContainText('布展证仅在布展期有效，今天不能入场');
	await page.keyboard.press('Escape');
	// The refusal stands in the recent scans too, under the person's name.
	await expect(page.getByTestId('recent').locator('li').first()).toContainText('布展工人');
});
