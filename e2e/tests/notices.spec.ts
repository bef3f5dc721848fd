import { expect, test } from '@playwright/test';
import { openGate, registerAttendee, scan, uniqueName } from '../support/attendees.ts';
import { current, SHARED_DATABASE } from '../support/editions.ts';
import { ADMIN } from '../support/origins.ts';
import { sqlite, sqliteValue } from '../support/processes.ts';
import { signIn } from '../support/staff.ts';

test('a notice to the not-checked-in members of a delegation reaches exactly them, once, though send is pressed twice', async ({
	page,
	request
}) => {
	test.setTimeout(120_000);
	const sensor = current().sensor;
	const members = [];
	for (const n of [1, 2, 3]) {
		members.push(
			await registerAttendee(request, { conferenceId: sensor.id, name: uniqueName(`通知${n}`) })
		);
	}
	// A delegation of this journey's own (their pages are another part of the issue), so no other
	// journey's registrations or scans change the audience while this one runs.
	const delegation = uniqueName('通知测试代表团');
	expect(
		sqlite(SHARED_DATABASE, [
			`INSERT INTO delegations (conference_id, category, name, organisation, leader_name, leader_mobile, quota, secret, created_by, created_at)
			 VALUES ('${sensor.id}', 'visitor', '${delegation}', '郑州大学', '领队', '+8613900000000', 10, '${delegation}-secret', (SELECT id FROM staff_users WHERE login = 'admin'), ${Date.now()})`,
			`UPDATE registrations SET delegation_id = (SELECT id FROM delegations WHERE name = '${delegation}')
			 WHERE id IN (${members.map((m) => m.registrationId).join(', ')})`
		])
	).toBe(0);

	// One member arrives: a notice to "not checked in" no longer concerns them.
	await signIn(page, 'admin');
	await openGate(page, sensor.nameZh, '南门主入口');
	await scan(page, members[0]!.token, 'ok');

	await page.goto(`${ADMIN}/notices?conference=${sensor.id}`);
	await page.getByRole('checkbox', { name: delegation }).check();
	await page.getByRole('radio', { name: '未签到' }).check();
	await page.getByLabel('中文内容').fill('请于明天上午9点前到南门领取代表证。');
	await page
		.getByLabel('英文内容')
		.fill('Please collect your badge at the south gate by 9:00 tomorrow.');
	await page.getByRole('button', { name: '预览' }).click();

	const preview = page.locator('[data-recipients]');
	await expect(preview).toHaveAttribute('data-recipients', '2');
	await expect(page.locator('[data-reach="sms"]')).toHaveText('2');
	await expect(page.locator('[data-reach="mail"]')).toHaveText('0');
	await expect(page.getByText('请于明天上午9点前到南门领取代表证。')).toBeVisible();
	await expect(page.getByText('Please collect your badge at the south gate')).toBeVisible();
	await expect(page.getByText(/18 字 · 1 条短信/)).toBeVisible();

	// A double press: both presses reach the server with the same form key.
	let sends = 0;
	page.on('request', (r) => {
		if (r.method() === 'POST' && r.url().includes('/notices?/send')) sends += 1;
	});
	await page.getByRole('button', { name: '发送给 2 人？' }).dblclick();
	await expect(page).toHaveURL(/\/notices\?conference=.*&sent=\d+/);
	await expect(page.getByRole('status')).toContainText('2 人');
	expect(sends).toBe(2);

	const noticeId = Number(new URL(page.url()).searchParams.get('sent'));
	const ofDelegation = `json_extract(audience, '$.delegationIds[0]') = (SELECT id FROM delegations WHERE name = '${delegation}')`;
	expect(sqliteValue(SHARED_DATABASE, `SELECT count(*) FROM notices WHERE ${ofDelegation}`)).toBe(
		1
	);
	expect(sqliteValue(SHARED_DATABASE, `SELECT id FROM notices WHERE ${ofDelegation}`)).toBe(
		noticeId
	);
	// One SMS to each member never admitted (they gave a mobile only), and nothing to the one inside.
	const expected = members
		.slice(1)
		.map((m) => `${m.registrationId}:sms:notice`)
		.join(',');
	expect(
		sqliteValue(
			SHARED_DATABASE,
			`SELECT group_concat(registration_id || ':' || channel || ':' || kind, ',') FROM (SELECT * FROM outbox WHERE notice_id = ${noticeId} ORDER BY registration_id)`
		)
	).toBe(expected);

	const row = page.locator(`tr[data-notice="${noticeId}"]`);
	await expect(row.locator('[data-count="recipients"]')).toHaveText('2');
	await expect(row.locator('[data-delivery="sms"]')).toContainText('待发 2');
});
