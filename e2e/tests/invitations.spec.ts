import { devices, expect, test } from '@playwright/test';
import { uniqueMobile, uniqueName } from '../support/attendees.ts';
import { current, SHARED_DATABASE } from '../support/editions.ts';
import { ADMIN, ATTENDEE } from '../support/origins.ts';
import { sqlite, sqliteValue } from '../support/processes.ts';
import { signIn } from '../support/staff.ts';

/*
 * Issue #14, invitations: an admin imports three invitees; one opens the personal link on a
 * phone and accepts, and holds a confirmed ticket; the by-invitation category is refused on the
 * open form and over the API. The diamond edition's VIP category is made by-invitation here
 * (the edition settings' checkbox is another part of the issue); no other journey registers
 * to it on the open form.
 */

test('an admin imports three invitations; an invitee accepts on a phone; the open form refuses the category', async ({
	page,
	browser,
	request
}) => {
	const { diamond } = current();
	expect(
		sqlite(SHARED_DATABASE, [
			`UPDATE conference_categories SET by_invitation = 1 WHERE conference_id = '${diamond.id}' AND category = 'vip'`
		])
	).toBe(0);

	const people = [0, 1, 2].map((i) => ({ name: uniqueName(`嘉宾${i}`), mobile: uniqueMobile() }));
	const csv = [
		'姓名,单位,职务,手机,邮箱,国家或地区,类别,语言',
		...people.map((p) => `${p.name},河南省商务厅,处长,${p.mobile},,,VIP,中文`)
	].join('\r\n');

	await signIn(page, 'admin');
	await page
		.getByRole('navigation', { name: '主导航' })
		.getByRole('link', { name: '邀请', exact: true })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('嘉宾邀请');
	await page.goto(`${ADMIN}/invitations/import?conference=${diamond.id}`);
	await page.getByLabel('选择文件（.xlsx 或 .csv）').setInputFiles({
		name: '嘉宾名单.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`\ufeff${csv}`, 'utf8')
	});
	await page.getByRole('button', { name: '上传并预览' }).click();
	await expect(page.getByTestId('import-rows').locator('tbody tr')).toHaveCount(3);
	await page.getByRole('button', { name: '邀请 3 人' }).click();
	await expect(page).toHaveURL(`${ADMIN}/invitations?conference=${diamond.id}&imported=3`);
	await expect(page.getByRole('status')).toContainText('已发出 3 份邀请');
	const invited = page.locator(`tr[data-name="${people[0]!.name}"]`);
	await expect(invited).toHaveAttribute('data-state', 'sent');
	// Masked in the list: enough to recognise the person, not to call them.
	const national = people[0]!.mobile;
	await expect(invited).toContainText(`${national.slice(0, 3)}****${national.slice(-4)}`);
	await expect(invited).not.toContainText(national);

	// The link goes out by SMS; the test reads it where the message would.
	const secret = sqliteValue(
		SHARED_DATABASE,
		`SELECT secret FROM invitations WHERE mobile = '+86${national}'`
	);
	expect(typeof secret).toBe('string');

	const phone = await browser.newContext({ ...devices['Pixel 7'], locale: 'zh-CN' });
	const invitee = await phone.newPage();
	await invitee.goto(`${ATTENDEE}/i/${secret}`);
	await expect(invitee.getByRole('heading', { level: 1 })).toHaveText(diamond.nameZh);
	await expect(invitee.getByLabel('姓名')).toHaveValue(people[0]!.name);
	await expect(invitee.getByLabel('单位')).toHaveValue('河南省商务厅');
	await expect(invitee.getByTestId('invitation-contact')).toHaveText(
		`${national.slice(0, 3)}****${national.slice(-4)}`
	);
	await invitee.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
	await invitee.getByRole('button', { name: '接受邀请' }).click();
	await expect(invitee).toHaveURL(new RegExp(`${ATTENDEE}/ticket/[A-Za-z0-9_-]{22}$`));
	await expect(invitee.getByTestId('ticket-qr')).toBeVisible();
	const overflow = await invitee.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	// The link again (a second tap in the SMS) leads to the same ticket, not a second one.
	const ticketUrl = invitee.url();
	await invitee.goto(`${ATTENDEE}/i/${secret}`);
	await expect(invitee).toHaveURL(ticketUrl);
	await phone.close();

	await page.reload();
	await expect(page.locator(`tr[data-name="${people[0]!.name}"]`)).toHaveAttribute(
		'data-state',
		'accepted'
	);
	await expect(page.locator('tr[data-state="sent"]')).toHaveCount(2);

	// Resend to the second (the count goes up), revoke the third (its link dies).
	const second = page.locator(`tr[data-name="${people[1]!.name}"]`);
	await second.getByRole('button', { name: '重新发送' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `已重新发送给${people[1]!.name}的邀请` })
	).toBeVisible();
	await expect(second).toContainText('2 次');
	const third = page.locator(`tr[data-name="${people[2]!.name}"]`);
	page.once('dialog', (dialog) => dialog.accept());
	await third.getByRole('button', { name: '撤销' }).click();
	await expect(third).toHaveAttribute('data-state', 'revoked');
	const revokedSecret = sqliteValue(
		SHARED_DATABASE,
		`SELECT secret FROM invitations WHERE mobile = '+86${people[2]!.mobile}'`
	);
	const dead = await request.get(`${ATTENDEE}/i/${revokedSecret}`);
	expect(dead.status()).toBe(404);

	// The open form: the conference page marks the category, the form does not offer it…
	await page.goto(`${ATTENDEE}/c/${diamond.id}`);
	await expect(page.locator('[data-category="vip"]')).toContainText('凭邀请');
	await page.goto(`${ATTENDEE}/c/${diamond.id}/register`);
	await expect(page.getByRole('radio', { name: /^观众/ })).toBeVisible();
	await expect(page.locator('input[name="category"][value="vip"]')).toHaveCount(0);
	// …nor does the API take it, whatever the request says.
	const refused = await request.post(`${ATTENDEE}/api/trpc/registration.register`, {
		headers: { 'content-type': 'application/json' },
		data: {
			conferenceId: diamond.id,
			category: 'vip',
			name: uniqueName('闯入'),
			organisation: '某公司',
			mobile: uniqueMobile(),
			consent: true
		}
	});
	expect(refused.status()).toBe(400);
	expect((await refused.json()).error.data.reason).toBe('category_by_invitation');
	// And a form posted by hand with the category is refused beside the field, nothing taken.
	const posted = await fetch(`${ATTENDEE}/c/${diamond.id}/register`, {
		method: 'POST',
		headers: {
			origin: ATTENDEE,
			'content-type': 'application/x-www-form-urlencoded',
			accept: 'text/html'
		},
		body: new URLSearchParams({
			category: 'vip',
			name: uniqueName('改包'),
			organisation: '某公司',
			mobile: uniqueMobile(),
			country: 'CN',
			consent: 'on'
		}),
		redirect: 'manual'
	});
	expect(posted.status).toBe(400);
	expect(await posted.text()).toContain('该类别仅凭邀请参会');
});
