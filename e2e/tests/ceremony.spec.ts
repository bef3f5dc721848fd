import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { chooseDealFacts } from '../support/deals.ts';
import { demoCreatedOn, demoEditionsOn } from '../support/editions.ts';
import { ownPort } from '../support/origins.ts';
import { createScreenLink, HYDRATED_WITHIN } from '../support/live.ts';
import { huizhan, sqlite, startApp } from '../support/processes.ts';
import { signIn } from '../support/staff.ts';

// Its own database and app: an open ceremony takes over every big screen of its edition, which
// would disturb the other journeys' screens.
const ADMIN = `http://127.0.0.1:${ownPort(19)}`;

test.use({ viewport: { width: 1920, height: 1080 } });
test.describe.configure({ timeout: 120_000 });

async function call<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
	const response = await request.post(`${ADMIN}/api/trpc/${procedure}`, {
		data: input,
		headers: { origin: ADMIN }
	});
	expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
	return (await response.json()).result.data as T;
}

async function read<T>(request: APIRequestContext, procedure: string, input: unknown): Promise<T> {
	const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
	const response = await request.get(`${ADMIN}/api/trpc/${procedure}${query}`);
	expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
	return (await response.json()).result.data as T;
}

/** The ledger's head: one more per entry written. */
const ledgerHead = async (request: APIRequestContext) =>
	(await read<{ seq: number }>(request, 'deals.head', undefined)).seq;

/** Serious and critical axe findings on the page as served (as a11y.spec.ts counts them). */
async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({ rule: v.id, where: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
	expect(serious).toEqual([]);
}

const PROJECTS = ['压电薄膜传感器产线', '车规级毫米波雷达基地', '工业视觉检测中心'];

test('a ceremony of three drafts: each press reaches the open big screen within a second, once, through a dropped network too', async ({
	page,
	browser
}, testInfo) => {
	const database = join(mkdtempSync(join(tmpdir(), 'huizhan-ceremony-')), 'huizhan.db');
	const env = { DATABASE_PATH: database };
	expect(huizhan(['seed', '--demo'], env).code).toBe(0);
	const edition = demoEditionsOn(demoCreatedOn(database)).sensor.id;
	// The agenda console is built alongside: the ceremony's session is written as it would store it.
	const now = Date.now();
	expect(
		sqlite(database, [
			`INSERT INTO agenda_sessions (conference_id, kind, title_zh, title_en, starts_at, ends_at, hall_zh, hall_en, language, created_at)
			VALUES ('${edition}', 'signing_ceremony', '重大项目集中签约仪式', 'Signing ceremony', ${now}, ${now + 3_600_000}, '主会场', 'Main hall', 'zh', ${now})`
		])
	).toBe(0);
	const app = await startApp('admin', ownPort(19), env);
	try {
		await signIn(page, 'admin', undefined, '/', ADMIN);
		const screenUrl = await createScreenLink(page, ADMIN, '签约仪式大屏');

		// The console lists the edition's ceremony; the recorder prepares three drafts.
		await page.goto(`${ADMIN}/agenda/ceremony?edition=${edition}`);
		await page.getByRole('link', { name: '重大项目集中签约仪式' }).click();
		await expect(page).toHaveURL(/\/agenda\/ceremony\/\d+$/);
		const sessionId = Number(new URL(page.url()).pathname.split('/').at(-1));
		await expect(page.getByTestId('running-order-empty')).toBeVisible();
		// The first on the deal form, as a recorder would: a refused amount is said beside its field.
		const draftForm = page.getByTestId('draft-form');
		await draftForm.getByLabel('项目名称').fill(PROJECTS[0]!);
		await draftForm.getByLabel('投资方', { exact: true }).fill('签约仪式测试投资方1号有限公司');
		await chooseDealFacts(page);
		await draftForm.getByLabel('总投资额').fill('0');
		await draftForm.getByRole('button', { name: '添加草稿' }).click();
		await expect(draftForm.locator('[data-field="totalInvestment"]')).toBeVisible();
		await expect(page.getByTestId('running-order-empty')).toBeVisible();
		await draftForm.getByLabel('总投资额').fill('2亿');
		await draftForm.getByRole('button', { name: '添加草稿' }).click();
		await expect(page.getByTestId('running-order').locator('tbody tr')).toHaveCount(1);
		for (const [i, projectName] of PROJECTS.entries()) {
			if (i === 0) continue;
			await call(page.request, 'ceremony.addDraft', {
				sessionId,
				draft: {
					projectName,
					investor: `签约仪式测试投资方${i + 1}号有限公司`,
					investorOrigin: 'out_of_province',
					chainId: 1,
					unitId: 1,
					agreementType: 'contract',
					totalInvestment: `${i + 2}亿`
				}
			});
		}
		await page.reload();
		await expect(page.getByTestId('running-order').locator('tbody tr')).toHaveCount(3);
		await expectAccessible(page);

		// The venue's screen, with no sign-in: the dashboard until the ceremony opens.
		const venue = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const screen = await venue.newPage();
		await screen.goto(screenUrl);
		await expect(screen.getByTestId('screen')).toHaveAttribute('data-status', 'live', {
			timeout: HYDRATED_WITHIN
		});
		await page.getByTestId('ceremony-open').click();
		await expect(page.getByTestId('ceremony-state')).toHaveAttribute('data-state', 'open');
		await expect(screen.getByTestId('ceremony-screen')).toBeVisible({ timeout: 5_000 });

		// The podium, on the tablet beside the stage.
		await page.goto(`${ADMIN}/agenda/ceremony/${sessionId}?podium`);
		const confirm = page.getByTestId('podium-confirm');
		await expect(page.getByTestId('podium-next')).toHaveText(PROJECTS[0]!);
		await expectAccessible(page);
		const head = await ledgerHead(page.request);

		await confirm.click();
		await expect(screen.getByTestId('ceremony-screen-project')).toHaveText(PROJECTS[0]!, {
			timeout: 1_000
		});
		await expect(page.getByTestId('podium-next')).toHaveText(PROJECTS[1]!);
		await page.screenshot({ path: testInfo.outputPath('podium.png') });
		await screen.screenshot({ path: testInfo.outputPath('ceremony-screen.png') });

		// A double press (and the same press sent again by a second tablet) records one entry.
		await expect(confirm).toHaveAttribute('data-resting', 'false');
		await confirm.dblclick();
		await expect(screen.getByTestId('ceremony-screen-project')).toHaveText(PROJECTS[1]!, {
			timeout: 1_000
		});
		await expect(page.getByTestId('podium-next')).toHaveText(PROJECTS[2]!);
		const view = await read<{ lines: { id: number }[] }>(page.request, 'ceremony.get', {
			sessionId
		});
		const again = await call<{ replayed: boolean }>(page.request, 'ceremony.confirm', {
			sessionId,
			itemId: view.lines[1]!.id
		});
		expect(again.replayed).toBe(true);
		expect(await ledgerHead(page.request)).toBe(head + 2);

		// The network drops: the press is kept, said so, and survives the tablet's page being
		// closed; opened again once the network is back, it sends the press, once.
		const tablet = page.context();
		await tablet.setOffline(true);
		await page.evaluate(() => window.dispatchEvent(new Event('offline')));
		await expect(confirm).toHaveAttribute('data-resting', 'false');
		await confirm.click();
		await expect(page.getByTestId('podium-pending')).toBeVisible();
		await expect(page.getByTestId('podium-connection')).toContainText('网络已断开');
		await page.close();
		await tablet.setOffline(false);
		const reopened = await tablet.newPage();
		await reopened.goto(`${ADMIN}/agenda/ceremony/${sessionId}?podium`);
		await expect(screen.getByTestId('ceremony-screen-project')).toHaveText(PROJECTS[2]!, {
			timeout: 5_000
		});
		await expect(reopened.getByTestId('podium-pending')).toHaveCount(0);
		await expect(reopened.getByTestId('podium-done').locator('li')).toHaveCount(3);
		expect(await ledgerHead(reopened.request)).toBe(head + 3);
		await expect(screen.getByTestId('ceremony-screen-total')).toHaveAttribute(
			'data-yuan',
			String(900_000_000)
		);

		// A deal entered before the ceremony, added from the search and announced from the
		// console: the screen shows it within a second, and the ledger gains nothing.
		const [entered] = await read<{ id: string; projectName: string }[]>(
			reopened.request,
			'ceremony.searchDeals',
			{ sessionId, text: '' }
		);
		await reopened.goto(`${ADMIN}/agenda/ceremony/${sessionId}`);
		await reopened.getByLabel('按项目或投资方查找本届项目').fill(entered!.projectName);
		await reopened.getByRole('button', { name: '查找', exact: true }).click();
		await reopened
			.getByTestId('ceremony-found')
			.locator('li', { hasText: entered!.id })
			.getByRole('button', { name: '加入流程' })
			.click();
		const enteredRow = reopened.getByTestId('running-order').locator('tbody tr').nth(3);
		await expect(enteredRow).toContainText(entered!.projectName);
		await enteredRow.getByRole('button', { name: '确认签约' }).click();
		await expect(reopened.getByTestId('ceremony-pressed')).toContainText('此前已录入台账');
		await expect(screen.getByTestId('ceremony-screen-project')).toHaveText(entered!.projectName, {
			timeout: 1_000
		});
		expect(await ledgerHead(reopened.request)).toBe(head + 3);

		// Closing returns the screen to the dashboard.
		await reopened.getByTestId('ceremony-close').click();
		await expect(screen.getByTestId('screen')).toBeVisible({ timeout: 5_000 });
		await venue.close();
	} finally {
		app.kill('SIGTERM');
	}
});
