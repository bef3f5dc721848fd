import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { ownPort } from '../support/origins.ts';
import { exited, huizhan, startAdmin } from '../support/processes.ts';
import { chooseDealFacts } from '../support/deals.ts';
import { HYDRATED_WITHIN, liveTotal, signInAt, yi } from '../support/live.ts';

/*
 * These run against an admin app of their own, on a database of their own: the test asserts
 * that the total rises by exactly one deal, so no other test may record deals meanwhile.
 */
const PORT = ownPort(0);
const ORIGIN = `http://127.0.0.1:${PORT}`;

test.describe.configure({ mode: 'serial' });

let dir: string;
let env: NodeJS.ProcessEnv;
let app: ChildProcess;

test.beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-live-'));
	env = { DATABASE_PATH: join(dir, 'huizhan.db'), HUIZHAN_MODE: 'demo' };
	expect(huizhan(['seed', '--demo'], env).code).toBe(0);
	app = await startAdmin(PORT, env);
});

test.afterAll(async () => {
	app.kill('SIGTERM');
	await exited(app);
	rmSync(dir, { recursive: true, force: true });
});

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
	await Promise.all(contexts.splice(0).map((context) => context.close()));
});

async function signedIn(browser: Browser, login: string): Promise<Page> {
	const context = await browser.newContext();
	contexts.push(context);
	const page = await context.newPage();
	await signInAt(page, ORIGIN, login);
	return page;
}

test('a leader watching /live sees a recorder’s 12.5亿元 deal within a second, and its void', async ({
	browser
}) => {
	// Two browsers signing in and filling a form take a while on a busy machine; the figures
	// themselves are held to a second below.
	test.setTimeout(120_000);
	const leader = await signedIn(browser, 'leader');
	// 2024, browsed as history, is where the deal is recorded: its stream is live all the same.
	await leader.goto(`${ORIGIN}/live?year=2024`);
	await expect(leader.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live', {
		timeout: HYDRATED_WITHIN
	});
	const total = leader.locator('[data-conference="wsc-2024"] [data-total]');
	const before = await liveTotal(leader, 'wsc-2024');
	expect(before).toBeGreaterThan(0);
	await expect(total).toHaveText(yi(before));

	const recorder = await signedIn(browser, 'recorder');
	await recorder.goto(`${ORIGIN}/deals/new`);
	const project = '实时看板验收·MEMS声学传感器项目';
	await recorder.getByLabel('项目名称').fill(project);
	await recorder.getByLabel('投资方', { exact: true }).fill('苏州声感微电子有限公司');
	await recorder.getByLabel('签约活动').selectOption('wsc-2024');
	await recorder.getByLabel('签约日期').fill('2024-11-04');
	await chooseDealFacts(recorder);
	await recorder.getByLabel('总投资额').fill('12.5亿');
	await expect(recorder.getByTestId('amount-preview')).toHaveText('= 12.5亿元');
	const written = recorder.waitForResponse(
		(r) => r.request().method() === 'POST' && r.url().includes('/deals/new')
	);
	await recorder.getByRole('button', { name: '保存到台账' }).click();
	// The answer to the form comes once the deal is in the ledger: from then on, one second.
	await written;
	await expect(total).toHaveAttribute('data-yuan', String(before + 1_250_000_000), {
		timeout: 1_000
	});
	await expect(total).toHaveText(yi(before + 1_250_000_000));
	const ticker = leader.getByTestId('ticker');
	await expect(ticker.locator('li').first()).toContainText(project, { timeout: 1_000 });
	await expect(ticker.locator('li').first()).toContainText('12.50亿元');
	await expect(ticker.locator('li').first()).toHaveClass(/fresh/);
	await expect(recorder).toHaveURL(/\/deals\/D\d{6}\?recorded$/);

	recorder.on('dialog', (dialog) => dialog.accept());
	await recorder.getByText('作废', { exact: true }).click();
	await recorder.getByLabel('原因（必填）').last().fill('看板验收，撤回');
	const voided = recorder.waitForResponse(
		(r) => r.request().method() === 'POST' && /\/deals\/D\d{6}/.test(r.url())
	);
	await recorder.getByRole('button', { name: '确认作废' }).click();
	await voided;
	await expect(total).toHaveAttribute('data-yuan', String(before), { timeout: 1_000 });
	await expect(total).toHaveText(yi(before));
	await expect(ticker).not.toContainText(project);
	await expect(recorder.getByRole('status')).toHaveText('已作废。');
});

test('when the server goes away the dashboard says it is reconnecting, then catches up by itself', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const leader = await signedIn(browser, 'leader');
	await leader.goto(`${ORIGIN}/live?year=2024`);
	const indicator = leader.getByTestId('live-indicator');
	await expect(indicator).toHaveAttribute('data-status', 'live', { timeout: HYDRATED_WITHIN });

	app.kill('SIGKILL');
	await exited(app);
	await expect(indicator).toHaveAttribute('data-status', 'reconnecting');
	await expect(indicator).toHaveText('连接中断，正在重新连接…');

	// A deal recorded while the dashboard was cut off arrives once it is back.
	const before = await liveTotal(leader, 'diamond-2024');
	app = await startAdmin(PORT, env);
	const recorder = await signedIn(browser, 'recorder');
	const response = await recorder.request.post(`${ORIGIN}/api/trpc/deals.record`, {
		headers: { origin: ORIGIN },
		data: {
			requestId: 'live-reconnect-0001',
			facts: {
				projectName: '断线重连验收项目',
				investor: '郑州重连科技有限公司',
				investorOrigin: 'in_province',
				chainId: 2,
				unitId: 1,
				signingEvent: 'diamond-2024',
				signedOn: '2024-09-27',
				agreementType: 'contract',
				totalInvestment: '3亿'
			}
		}
	});
	expect(response.ok()).toBe(true);
	await expect(indicator).toHaveAttribute('data-status', 'live', { timeout: HYDRATED_WITHIN });
	await expect(leader.locator('[data-conference="diamond-2024"] [data-total]')).toHaveAttribute(
		'data-yuan',
		String(before + 300_000_000)
	);
});

test('signing out elsewhere ends the stream: the open dashboard says the session has ended', async ({
	browser
}) => {
	test.setTimeout(90_000);
	const leader = await signedIn(browser, 'leader');
	await leader.goto(`${ORIGIN}/live`);
	const indicator = leader.getByTestId('live-indicator');
	await expect(indicator).toHaveAttribute('data-status', 'live', { timeout: HYDRATED_WITHIN });
	// Same browser, another tab: signing out ends the session the stream was opened with.
	const other = await leader.context().newPage();
	await other.goto(`${ORIGIN}/`);
	await other.getByRole('button', { name: '退出登录' }).click();
	await expect(indicator).toHaveAttribute('data-status', 'signed_out');
	await expect(indicator).toHaveText('登录已失效，请重新登录后查看实时数据。');
	// And the endpoint refuses the cookie from now on.
	expect((await leader.request.get(`${ORIGIN}/api/live`)).status()).toBe(401);
});
