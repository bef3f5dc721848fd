import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ATTENDEE } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';
import {
	openGate,
	registerAttendee,
	scan,
	uniqueMobile,
	uniqueName,
	wedgeScan
} from '../support/attendees.ts';
import { current } from '../support/editions.ts';

test('door staff check in at the gate: wedge, already in, undo, search, cancelled and wrong conference', async ({
	page,
	browser,
	request
}) => {
	test.setTimeout(120_000);
	// An attendee registers on the attendee site and reads their QR from the ticket page.
	const attendeeContext = await browser.newContext();
	const attendee = await attendeeContext.newPage();
	const name = uniqueName('检票');
	await attendee.goto(`${ATTENDEE}/c/${current().sensor.id}/register`);
	await attendee.getByRole('radio', { name: /^观众/ }).check();
	await attendee.getByLabel('姓名').fill(name);
	await attendee.getByLabel('单位').fill('汉威科技集团');
	await attendee.getByLabel('手机号', { exact: true }).fill(uniqueMobile());
	await attendee.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
	await attendee.getByRole('button', { name: '提交报名' }).click();
	await expect(attendee).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	const png = PNG.sync.read(await attendee.getByTestId('ticket-qr').screenshot());
	const token = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '';
	expect(token).toMatch(/^HZ1/);
	await attendeeContext.close();

	const searched = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('查找')
	});
	const cancelled = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('取消')
	});
	const cancel = await request.post(`${ATTENDEE}/api/trpc/registration.cancel`, {
		headers: { 'content-type': 'application/json' },
		data: { secret: cancelled.secret }
	});
	expect(cancel.ok()).toBe(true);
	const elsewhere = await registerAttendee(request, {
		conferenceId: current().diamond.id,
		name: uniqueName('金刚石')
	});

	await signIn(page, 'door');
	await page
		.getByRole('navigation', { name: '主导航' })
		.getByRole('link', { name: '检票' })
		.click();
	await openGate(page, current().sensor.nameZh, '南门主入口');

	// Green: the verdict fills the screen with who it is.
	const verdict = page.locator('[data-testid="verdict"][data-reason="ok"]');
	const shown = verdict.waitFor({ state: 'attached' });
	await wedgeScan(page, token);
	await shown;
	await expect(verdict).toHaveAttribute('data-tone', 'ok');
	await expect(page.getByTestId('verdict')).toHaveCount(0);
	const first = page.getByTestId('recent').locator('li').first();
	await expect(first).toHaveAttribute('data-reason', 'ok');
	await expect(first).toContainText(name);

	// Amber: already checked in, with when and where.
	const again = await scan(page, token, 'already_checked_in');
	await expect(again).toHaveAttribute('data-tone', 'warn');
	await expect(again).toContainText(new RegExp(`${name}.*已于 \\d{2}:\\d{2} 在南门主入口入场`));

	// Undo the admission, with a reason; the ticket can then be checked in again.
	const admission = page.getByTestId('recent').locator('li[data-reason="ok"]').first();
	await admission.getByRole('button', { name: '撤销' }).click();
	await admission.getByLabel('撤销原因').fill('扫错了人');
	await admission.getByRole('button', { name: '确认撤销' }).click();
	await expect(admission).toHaveAttribute('data-undone', 'true');
	await page.getByTestId('wedge').focus();
	const readmitted = await scan(page, token, 'ok');
	await expect(readmitted).toContainText(name);

	// The search path: by name, then check the chosen person in.
	await page.getByTestId('search').fill(searched.name);
	await page.getByRole('button', { name: '查找' }).click();
	const hit = page.locator(`[data-registration="${searched.registrationId}"]`);
	await expect(hit).toContainText(searched.reference);
	const verdictOk = page.locator('[data-testid="verdict"][data-reason="ok"]');
	const searchShown = verdictOk.waitFor({ state: 'attached' });
	await hit.getByRole('button', { name: '检票入场' }).click();
	await searchShown;
	await expect(page.getByTestId('recent').locator('li').first()).toContainText(searched.name);
	await expect(page.getByTestId('verdict')).toHaveCount(0);

	// Red: a cancelled ticket, and a ticket of the other conference.
	const refusedCancelled = await scan(page, cancelled.token, 'cancelled');
	await expect(refusedCancelled).toHaveAttribute('data-tone', 'refuse');
	await expect(refusedCancelled).toContainText('票已取消');
	const refusedElsewhere = await scan(page, elsewhere.token, 'wrong_conference');
	await expect(refusedElsewhere).toHaveAttribute('data-tone', 'refuse');
	await expect(refusedElsewhere).toContainText('非本届大会的票');

	// The typed reference works as well as the QR (same person: already in).
	await scan(page, searched.reference, 'already_checked_in');

	// The gate is remembered on this device.
	await page.reload();
	await expect(page.getByTestId('gate-name')).toHaveText('南门主入口');
});

test('the camera path: a rendered ticket QR held to the camera checks the attendee in', async ({
	page,
	browser,
	request
}) => {
	const person = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('摄像')
	});
	// The ticket page's QR as the attendee's phone shows it, photographed.
	const phone = await browser.newPage();
	await phone.goto(`${ATTENDEE}/ticket/${person.secret}`);
	const qrPng = (await phone.getByTestId('ticket-qr').screenshot()).toString('base64');
	await phone.close();

	// The camera is a canvas stream showing that picture: everything after getUserMedia — the
	// video element, the frame grabs, the decoder in its Web Worker — is the page's own.
	await page.addInitScript(() => {
		const w = window as unknown as { __cameraImage?: HTMLImageElement };
		navigator.mediaDevices.getUserMedia = async () => {
			const canvas = document.createElement('canvas');
			canvas.width = 640;
			canvas.height = 480;
			const context = canvas.getContext('2d')!;
			const draw = () => {
				context.fillStyle = '#fff';
				context.fillRect(0, 0, 640, 480);
				if (w.__cameraImage?.complete) context.drawImage(w.__cameraImage, 180, 100, 280, 280);
				requestAnimationFrame(draw);
			};
			draw();
			return canvas.captureStream(15);
		};
	});
	await signIn(page, 'door');
	await openGate(page, current().sensor.nameZh, '南门主入口');
	await page.evaluate((png) => {
		const image = new Image();
		image.src = `data:image/png;base64,${png}`;
		(window as unknown as { __cameraImage?: HTMLImageElement }).__cameraImage = image;
	}, qrPng);

	const verdict = page.locator('[data-testid="verdict"][data-reason="ok"]');
	const shown = verdict.waitFor({ state: 'attached' });
	await page.getByRole('button', { name: '打开摄像头扫码' }).click();
	await expect(page.getByTestId('camera-video')).toBeVisible();
	await shown;
	const line = page.getByTestId('recent').locator('li').first();
	await expect(line).toContainText(person.name);
	await expect(line).toHaveAttribute('data-reason', 'ok');
	// The same QR held in front of the camera is read once, not once per frame.
	// (Other tests scan at this gate too: count this person's lines only.)
	await page.getByRole('button', { name: '关闭摄像头' }).click();
	await page.waitForLoadState('networkidle');
	await expect(page.getByTestId('recent').locator('li', { hasText: person.name })).toHaveCount(1);
});

test('a gate that prints badges opens a print-ready badge on entry', async ({ page, request }) => {
	const delegate = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('嘉宾'),
		category: 'delegate',
		organisation: '中国科学院微电子研究所'
	});
	await page.addInitScript(() => {
		const w = window as unknown as { __printed: number };
		w.__printed = 0;
		window.print = () => {
			w.__printed += 1;
		};
	});
	await signIn(page, 'door');
	await openGate(page, current().sensor.nameZh, '嘉宾通道');
	await scan(page, delegate.token, 'ok');
	await expect
		.poll(() => page.evaluate(() => (window as unknown as { __printed: number }).__printed))
		.toBe(1);
	const badge = page.getByTestId('badge');
	await expect(badge).toContainText(delegate.name);
	await expect(badge).toContainText('中国科学院微电子研究所');
	await expect(badge).toContainText('嘉宾');
	await expect(badge.locator('svg')).toHaveCount(1);
	// Printed, the badge is the page: one 90 × 120 mm sheet.
	await page.emulateMedia({ media: 'print' });
	await expect(badge).toBeVisible();
	await expect(page.getByTestId('wedge')).toBeHidden();
	// A visitor may not use the guest entrance.
	await page.emulateMedia({ media: 'screen' });
	await page.getByTestId('wedge').focus();
	const visitor = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('观众')
	});
	const refused = await scan(page, visitor.token, 'not_allowed_here');
	await expect(refused).toContainText('该类别不能从此闸口入场');
});
