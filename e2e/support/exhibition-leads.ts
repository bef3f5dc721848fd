import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, type Page } from '@playwright/test';
import { uniqueMobile } from './attendees.ts';
import { ATTENDEE } from './origins.ts';
import { sqlite, sqliteValue } from './processes.ts';

/*
 * Lead retrieval's reusable steps: an approved exhibitor with one staff badge seeded straight into
 * a database (its own pages are built elsewhere), a scan on the staff member's page, and the
 * exhibitor's export read back as rows.
 */

const secret = () => randomBytes(16).toString('base64url');
const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

export interface SeededExhibitor {
	exhibitorId: number;
	/** The exhibitor's page, `…/exhibitor/<secret>`. */
	exhibitorUrl: string;
	/** The staff member's ticket, `…/ticket/<secret>`; the scanner is under `/leads`. */
	staffTicketUrl: string;
	companyZh: string;
}

/** An approved exhibitor of `conferenceId` and one confirmed staff badge (展商证) bound to it. */
export function seedExhibitorWithStaff(
	databasePath: string,
	conferenceId: string,
	{ companyZh, staffName, site = ATTENDEE }: { companyZh: string; staffName: string; site?: string }
): SeededExhibitor {
	const exhibitorSecret = secret();
	const staffSecret = secret();
	const now = Date.now();
	// Any 18 characters pass the database's check; the form's check digit is not asked here.
	const creditCode = `91350100M${randomBytes(8).toString('hex').toUpperCase().slice(0, 9)}`;
	const refPrefix = sqliteValue(
		databasePath,
		`SELECT ref_prefix FROM conferences WHERE id = ${quoted(conferenceId)}`
	);
	if (typeof refPrefix !== 'string') throw new Error(`no conference ${conferenceId}`);
	const reference = `${refPrefix}-${randomBytes(4).toString('hex').toUpperCase().slice(0, 6)}`;
	const mobile = `+86137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
	expect(
		sqlite(databasePath, [
			`INSERT INTO exhibitors (conference_id, company_zh, company_en, credit_code, contact_name,
				contact_mobile, wanted_booth_type, wanted_square_metres, language, status, secret,
				consent_at, created_at)
			VALUES (${quoted(conferenceId)}, ${quoted(companyZh)}, 'Lead Test Co.', ${quoted(creditCode)},
				'联系人', '+8613700137000', 'standard', 18, 'zh-CN', 'approved', ${quoted(exhibitorSecret)},
				${now}, ${now})`,
			`INSERT INTO registrations (conference_id, category, name, organisation, title, mobile,
				country, language, consent_at, status, reference, ticket_secret, created_at,
				exhibitor_id, exhibitor_pass)
			VALUES (${quoted(conferenceId)}, 'exhibitor', ${quoted(staffName)}, ${quoted(companyZh)},
				'销售', ${quoted(mobile)}, 'CN', 'zh-CN', ${now}, 'confirmed', ${quoted(reference)},
				${quoted(staffSecret)}, ${now},
				(SELECT id FROM exhibitors WHERE secret = ${quoted(exhibitorSecret)}), 'staff')`
		])
	).toBe(0);
	const exhibitorId = sqliteValue(
		databasePath,
		`SELECT id FROM exhibitors WHERE secret = ${quoted(exhibitorSecret)}`
	) as number;
	return {
		exhibitorId,
		exhibitorUrl: `${site}/exhibitor/${exhibitorSecret}`,
		staffTicketUrl: `${site}/ticket/${staffSecret}`,
		companyZh
	};
}

/** Registers on the open form; `share` ticks the separate consent to share contacts. */
export async function registerVisitor(
	page: Page,
	conferenceId: string,
	name: string,
	share: boolean
) {
	await page.goto(`${ATTENDEE}/c/${conferenceId}/register`);
	await page.getByRole('radio', { name: /^观众/ }).check();
	await page.getByLabel('姓名').fill(name);
	await page.getByLabel('单位').fill('线索测试单位');
	await page.getByLabel('职务').fill('采购经理');
	await page.locator('#mobile').fill(uniqueMobile());
	await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
	const shareBox = page.getByRole('checkbox', { name: /向我扫码的展商提供我的手机和邮箱/ });
	await expect(shareBox).not.toBeChecked();
	if (share) await shareBox.check();
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	return {
		ticketUrl: page.url(),
		reference: ((await page.getByTestId('ticket-reference').textContent()) ?? '').trim()
	};
}

export interface ScanOutcome {
	/** `added`, `existing` (已在您的线索中), `refused`, `failed` or `queued`. */
	outcome: string;
	/** What the page said: the visitor's name and organisation, or the refusal. */
	text: string;
}

/** Types a reference on the staff member's scanning page, as at the booth; answers what it said. */
export async function scanLead(
	page: Page,
	staffTicketUrl: string,
	reference: string
): Promise<ScanOutcome> {
	if (!page.url().startsWith(`${staffTicketUrl}/leads`)) await page.goto(`${staffTicketUrl}/leads`);
	await page.getByLabel('输入观众的票号').fill(reference);
	await page.getByRole('button', { name: '添加', exact: true }).click();
	const outcome = page.locator(`[data-testid="lead-outcome"][data-code="${reference}"]`);
	await expect(outcome).toBeVisible();
	await expect(page.getByRole('button', { name: '添加', exact: true })).toBeEnabled();
	return {
		outcome: (await outcome.getAttribute('data-outcome')) ?? '',
		text: (await outcome.innerText()).trim()
	};
}

/** Rates a lead (and notes it) on the page showing it, by the visitor's name. */
export async function rateLead(
	page: Page,
	visitorName: string,
	rating: '热' | '温' | '冷',
	note = ''
) {
	const card = page.getByTestId('lead').filter({ hasText: visitorName });
	await card.getByRole('radio', { name: rating, exact: true }).check();
	if (note) await card.getByLabel('备注').fill(note);
	await card.getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('lead').filter({ hasText: visitorName })).toHaveAttribute(
		'data-rating',
		{ 热: 'hot', 温: 'warm', 冷: 'cold' }[rating]
	);
}

/** Downloads the exhibitor's lead export (.xlsx) and answers its rows keyed by the headers. */
export async function exportLeads(
	page: Page,
	exhibitorUrl: string
): Promise<Record<string, string | null>[]> {
	await page.goto(`${exhibitorUrl}/leads`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('leads-export').click()
	]);
	const path = await download.path();
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(readFileSync(path) as never);
	const sheet = workbook.worksheets[0];
	if (!sheet) throw new Error('the export has no sheet');
	const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
	const rows: Record<string, string | null>[] = [];
	sheet.eachRow((row, i) => {
		if (i === 1) return;
		const cells = (row.values as unknown[]).slice(1);
		rows.push(
			Object.fromEntries(
				headers.map((h, j) => [
					h,
					cells[j] === undefined || cells[j] === null ? null : String(cells[j])
				])
			)
		);
	});
	return rows;
}
