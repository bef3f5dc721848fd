import { expect, test, type Page } from '@playwright/test';
import { ATTENDEE } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';
import { openGate, registerAttendee, uniqueName } from '../support/attendees.ts';
import { current } from '../support/editions.ts';

const GATE = '南门主入口';

/** Whether the code field has the focus (which raises the phone's keyboard). */
const wedgeFocused = (page: Page) =>
	page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'wedge');

test('on a phone the camera is the main action and no verdict puts the focus in the code field', async ({
	page,
	browser,
	request
}) => {
	const person = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('手机')
	});
	const ticket = await browser.newPage();
	await ticket.goto(`${ATTENDEE}/ticket/${person.secret}`);
	const qrPng = (await ticket.getByTestId('ticket-qr').screenshot()).toString('base64');
	await ticket.close();
	// The camera is a canvas stream showing the ticket's QR (as in the desktop camera test).
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
	await openGate(page, current().sensor.nameZh, GATE);
	expect(await wedgeFocused(page)).toBe(false);

	// The camera button leads: above the code field, as wide as the screen allows, and large.
	const camera = page.getByRole('button', { name: '打开摄像头扫码' });
	const cameraBox = (await camera.boundingBox())!;
	const wedgeBox = (await page.getByTestId('wedge').boundingBox())!;
	const width = page.viewportSize()!.width;
	expect(cameraBox.y + cameraBox.height).toBeLessThan(wedgeBox.y);
	expect(cameraBox.width).toBeGreaterThan(width * 0.75);
	expect(cameraBox.height).toBeGreaterThanOrEqual(48);
	await expect(camera).not.toHaveClass(/secondary/);

	await page.evaluate((png) => {
		const image = new Image();
		image.src = `data:image/png;base64,${png}`;
		(window as unknown as { __cameraImage?: HTMLImageElement }).__cameraImage = image;
	}, qrPng);
	const admitted = page.locator('[data-testid="verdict"][data-reason="ok"]');
	const shown = admitted.waitFor({ state: 'attached' });
	await camera.tap();
	await shown;
	await expect(page.getByTestId('verdict')).toHaveCount(0);
	expect(await wedgeFocused(page)).toBe(false);
	await page.getByRole('button', { name: '关闭摄像头' }).tap();

	// The same person found by name: already in. Closing the amber verdict leaves the field alone.
	await page.getByTestId('search').fill(person.name);
	await page.getByRole('button', { name: '查找', exact: true }).tap();
	await page.getByRole('button', { name: '检票入场' }).tap();
	const duplicate = page.locator('[data-testid="verdict"][data-reason="already_checked_in"]');
	await expect(duplicate.getByRole('heading', { name: '重复入场 · 请核实' })).toBeVisible();
	expect(await wedgeFocused(page)).toBe(false);
	await duplicate.getByRole('button', { name: '关闭' }).tap();
	await expect(page.getByTestId('verdict')).toHaveCount(0);
	expect(await wedgeFocused(page)).toBe(false);
});

test('a phone without a camera, or one that refuses it, says so in words', async ({ page }) => {
	await page.addInitScript(() => {
		navigator.mediaDevices.getUserMedia = () =>
			Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
	});
	await signIn(page, 'door');
	await openGate(page, current().sensor.nameZh, GATE);
	await page.getByRole('button', { name: '打开摄像头扫码' }).tap();
	const problem = page.getByTestId('camera-problem');
	await expect(problem).toContainText('这台设备没有可用的摄像头。');
	await expect(problem).toContainText('也可以用扫码枪、输入票码或查找参会者。');
	await expect(problem).not.toContainText('NotFoundError');

	await page.evaluate(() => {
		navigator.mediaDevices.getUserMedia = () =>
			Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
	});
	await page.getByRole('button', { name: '打开摄像头扫码' }).tap();
	await expect(problem).toContainText('浏览器不允许本页使用摄像头');
	await expect(problem).not.toContainText('NotAllowedError');
});
