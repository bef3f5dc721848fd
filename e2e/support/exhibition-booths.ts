import { expect, type Page } from '@playwright/test';
import { ADMIN } from './origins.ts';
import { sqlite } from './processes.ts';

/*
 * The exhibition's booths in the console, as steps a journey composes: make an approved exhibitor
 * (the application is another part's journey), create a booth, assign it and read what the
 * console answered. Each step works on the page it is given, signed in as an admin.
 */

export interface BoothWhere {
	/** The console's origin: the shared one unless the journey runs its own. */
	console?: string;
	/** The edition (`wsc-2027`); without it the console's own choice (the open edition). */
	conferenceId?: string;
}

const boothsPage = (where: BoothWhere = {}) =>
	`${where.console ?? ADMIN}/exhibition/booths${where.conferenceId ? `?conference=${encodeURIComponent(where.conferenceId)}` : ''}`;

/** An approved exhibitor of an edition, written straight into a SQLite database file. */
export function seedApprovedExhibitor(
	databasePath: string,
	exhibitor: { conferenceId: string; companyZh: string; companyEn: string; creditCode: string }
) {
	const now = Date.now();
	const secret = `e2e${Math.random().toString(36).slice(2)}`.padEnd(22, 'x').slice(0, 22);
	const text = (value: string) => `'${value.replaceAll("'", "''")}'`;
	const status = sqlite(databasePath, [
		`INSERT INTO exhibitors (conference_id, company_zh, company_en, credit_code, contact_name,
			contact_email, wanted_booth_type, wanted_square_metres, language, status, secret,
			consent_at, created_at)
		VALUES (${text(exhibitor.conferenceId)}, ${text(exhibitor.companyZh)}, ${text(exhibitor.companyEn)},
			${text(exhibitor.creditCode)}, '展务联系人', ${text(`${secret}@example.cn`)}, 'standard', 18,
			'zh-CN', 'approved', ${text(secret)}, ${now}, ${now})`
	]);
	if (status !== 0) throw new Error(`the exhibitor ${exhibitor.companyZh} was not stored`);
}

/**
 * Empties an edition's exhibition floor (its halls, booths and their holds; the exhibitors stay)
 * in a SQLite database file: a journey that imports a hall plan starts, as an organiser does,
 * from an edition without one — the demo lays out its own halls.
 */
export function clearExhibitionFloor(databasePath: string, conferenceId: string) {
	const conference = `'${conferenceId.replaceAll("'", "''")}'`;
	const status = sqlite(databasePath, [
		`DELETE FROM booth_holds WHERE booth_id IN (SELECT id FROM booths WHERE conference_id = ${conference})`,
		`DELETE FROM booths WHERE conference_id = ${conference}`,
		`DELETE FROM exhibition_halls WHERE conference_id = ${conference}`
	]);
	if (status !== 0) throw new Error(`the exhibition floor of ${conferenceId} was not cleared`);
}

/** Opens the booths page unless it is open already (keeping its edition). */
async function onBoothsPage(page: Page, where: BoothWhere) {
	if (!new URL(page.url()).pathname.endsWith('/exhibition/booths'))
		await page.goto(boothsPage(where));
}

/** Creates a hall with this code unless the edition has one (named `A馆` / `Hall A`). */
export async function ensureHall(adminPage: Page, code: string, where: BoothWhere = {}) {
	await onBoothsPage(adminPage, where);
	if ((await adminPage.locator(`tr[data-hall="${code}"]`).count()) > 0) return;
	const form = adminPage.locator('form[action$="/createHall"]');
	if (!(await form.isVisible()))
		await adminPage.getByText('添加展馆', { exact: true }).first().click();
	await form.getByLabel('展馆代号').fill(code);
	await form.getByLabel('中文名称').fill(`${code}馆`);
	await form.getByLabel('英文名称').fill(`Hall ${code}`);
	await form.getByRole('button', { name: '添加展馆' }).click();
	await expect(adminPage.locator(`tr[data-hall="${code}"]`)).toBeVisible();
}

/** Creates a booth in the console (its hall too, when new); resolves once it is listed. */
export async function createBooth(
	adminPage: Page,
	booth: { hall: string; number: string; area: number; type: 'standard' | 'raw' },
	where: BoothWhere = {}
) {
	await ensureHall(adminPage, booth.hall, where);
	const form = adminPage.getByTestId('new-booth');
	if (!(await form.isVisible()))
		await adminPage.getByText('添加展位', { exact: true }).first().click();
	await form.getByLabel('展馆').selectOption({ label: `${booth.hall} · ${booth.hall}馆` });
	await form.getByLabel('展位号').fill(booth.number);
	await form.getByLabel('面积（㎡）').fill(String(booth.area));
	await form.getByLabel('类型').selectOption(booth.type);
	await form.getByRole('button', { name: '添加展位' }).click();
	await expect(adminPage.getByTestId('booth-notice')).toHaveText(`已添加展位 ${booth.number}。`);
	await expect(adminPage.locator(`tr[data-booth="${booth.number}"]`)).toBeVisible();
}

/**
 * Opens the assignment of a free booth and finds the exhibitor, stopping before the click: two
 * admins who both opened it before either assigned is how a second holder is attempted.
 */
export async function pickExhibitor(
	adminPage: Page,
	number: string,
	companyZh: string,
	where: BoothWhere = {}
) {
	await onBoothsPage(adminPage, where);
	await adminPage
		.locator(`tr[data-booth="${number}"]`)
		.getByRole('link', { name: '分配…' })
		.click();
	const panel = adminPage.getByTestId('assign-panel');
	await expect(panel.getByRole('heading')).toHaveText(`分配展位 ${number}`);
	await panel.getByLabel('展商名称或统一社会信用代码').fill(companyZh);
	await panel.getByRole('button', { name: '查找' }).click();
	await expect(panel.locator(`li[data-exhibitor="${companyZh}"]`)).toBeVisible();
}

/**
 * Assigns a booth to an approved exhibitor and returns what the console said: `A-101 已分配给
 * 汉威科技。` when it was assigned, the refusal naming the holder when another holds it. The
 * picker already open for that exhibitor (see `pickExhibitor`) is used as it is.
 */
export async function assignBooth(
	adminPage: Page,
	number: string,
	companyZh: string,
	where: BoothWhere = {}
): Promise<string> {
	const candidate = adminPage
		.getByTestId('assign-panel')
		.locator(`li[data-exhibitor="${companyZh}"]`);
	const open =
		(await candidate.count()) > 0 &&
		(await adminPage.getByTestId('assign-panel').getByRole('heading').textContent()) ===
			`分配展位 ${number}`;
	if (!open) await pickExhibitor(adminPage, number, companyZh, where);
	await candidate.getByRole('button', { name: '分配', exact: true }).click();
	const said = adminPage.locator('[data-testid="booth-notice"], [data-testid="booth-problem"]');
	await expect(said).toBeVisible();
	return (await said.textContent())?.trim() ?? '';
}
