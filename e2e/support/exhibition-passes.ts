import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { creditCodeCheckCharacter } from '@huizhan/ledger';
import { SHARED_DATABASE } from './editions.ts';
import { ATTENDEE } from './origins.ts';
import { sqlite, sqliteValue } from './processes.ts';

/*
 * The exhibitor's page in a journey: an approved exhibitor holding a booth, seeded behind the
 * apps' backs (the console's review and booth pages are other journeys), and the steps of its
 * contact adding staff badges and set-up passes on its page.
 */

export interface SeededExhibitor {
	id: number;
	secret: string;
	/** The exhibitor's page on the attendee site. */
	url: string;
	companyZh: string;
}

/** Beijing dates `YYYY-MM-DD`, both ends included. */
export interface SetupDays {
	startsOn: string;
	endsOn: string;
}

export interface ExhibitorSeed {
	conferenceId: string;
	/** `A-101` unless given; unique per edition. */
	boothNumber?: string;
	areaSquareMetres?: number;
	/** `assigned` brings badges, `reserved` none. */
	hold?: 'assigned' | 'reserved';
	/** The edition's set-up days (Beijing dates); left as they are when not given. */
	setupDays?: SetupDays;
	databasePath?: string;
}

const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A well-formed 统一社会信用代码 no other company of the run holds. */
function creditCode(): string {
	const organisation = [...randomBytes(8)].map((b) => CODE_ALPHABET[b % 31]).join('');
	const first17 = `91350100${organisation}${CODE_ALPHABET[randomBytes(1)[0]! % 31]}`;
	return first17 + creditCodeCheckCharacter(first17);
}

/**
 * An approved exhibitor of an edition holding one booth (A-101, 18 ㎡, assigned, by default), in a
 * hall of its own. The booth number is the edition's: seed A-101 once per edition and run.
 */
export function seedExhibitorWithBooth(seed: ExhibitorSeed): SeededExhibitor {
	const path = seed.databasePath ?? SHARED_DATABASE;
	const secret = randomBytes(16).toString('base64url');
	const hall = `P${randomBytes(3).toString('hex').toUpperCase()}`;
	const companyZh = `郑州${hall}传感科技有限公司`;
	const now = Date.now();
	const conference = quote(seed.conferenceId);
	const statements = [
		`INSERT INTO exhibition_halls (conference_id, code, name_zh, name_en, sort_order, created_at)
			VALUES (${conference}, ${quote(hall)}, ${quote(`${hall}馆`)}, ${quote(`Hall ${hall}`)}, 0, ${now})`,
		`INSERT INTO booths (conference_id, hall_id, number, area_square_metres, type, created_at)
			SELECT ${conference}, id, ${quote(seed.boothNumber ?? 'A-101')}, ${seed.areaSquareMetres ?? 18}, 'standard', ${now}
			FROM exhibition_halls WHERE conference_id = ${conference} AND code = ${quote(hall)}`,
		`INSERT INTO exhibitors (conference_id, company_zh, company_en, credit_code, contact_name,
				contact_mobile, wanted_booth_type, wanted_square_metres, language, status, secret,
				consent_at, created_at, decided_at, decided_by)
			VALUES (${conference}, ${quote(companyZh)}, ${quote(`Zhengzhou ${hall} Sensing`)},
				${quote(creditCode())}, '王经理', '+8613700137000', 'standard', 18, 'zh-CN', 'approved',
				${quote(secret)}, ${now}, ${now}, ${now}, (SELECT MIN(id) FROM staff_users))`,
		`INSERT INTO booth_holds (booth_id, exhibitor_id, kind, created_at, created_by)
			SELECT b.id, e.id, ${quote(seed.hold ?? 'assigned')}, ${now}, (SELECT MIN(id) FROM staff_users)
			FROM booths b, exhibitors e JOIN exhibition_halls h ON h.code = ${quote(hall)}
			WHERE b.hall_id = h.id AND e.secret = ${quote(secret)}`
	];
	if (seed.setupDays) statements.push(setupDaysStatement(seed.conferenceId, seed.setupDays));
	expect(sqlite(path, statements)).toBe(0);
	const id = sqliteValue(path, `SELECT id FROM exhibitors WHERE secret = ${quote(secret)}`);
	if (typeof id !== 'number') throw new Error('the exhibitor was not stored');
	return { id, secret, url: `${ATTENDEE}/exhibitor/${secret}`, companyZh };
}

/** Upserts only an edition's set-up days: whatever else a journey set for the edition stays. */
function setupDaysStatement(conferenceId: string, { startsOn, endsOn }: SetupDays) {
	return `INSERT INTO exhibition_rules (conference_id, setup_starts_on, setup_ends_on)
		VALUES (${quote(conferenceId)}, ${quote(startsOn)}, ${quote(endsOn)})
		ON CONFLICT (conference_id) DO UPDATE
		SET setup_starts_on = excluded.setup_starts_on, setup_ends_on = excluded.setup_ends_on`;
}

/**
 * Sets an edition's set-up days behind the console's back: the console keeps them near the
 * edition's start, and a journey needs them already past.
 */
export function setSetupDays(conferenceId: string, days: SetupDays, path = SHARED_DATABASE) {
	expect(sqlite(path, [setupDaysStatement(conferenceId, days)])).toBe(0);
}

export interface PassHolder {
	name: string;
	mobile?: string;
	email?: string;
	title?: string;
}

/** What the page answered: added (with the new ticket's secret) or refused with these words. */
export type PassOutcome = { added: true; ticketSecret: string } | { added: false; refusal: string };

async function addPass(
	page: Page,
	exhibitorUrl: string,
	pass: 'staff' | 'setup',
	person: PassHolder
): Promise<PassOutcome> {
	if (page.url() !== exhibitorUrl) await page.goto(exhibitorUrl);
	const section = page.getByTestId(`passes-${pass}`);
	await section.getByLabel('姓名', { exact: true }).fill(person.name);
	await section.getByLabel('职务', { exact: true }).fill(person.title ?? '');
	await section.getByLabel('手机号', { exact: true }).fill(person.mobile ?? '');
	await section.getByLabel('邮箱', { exact: true }).fill(person.email ?? '');
	await section.getByRole('checkbox').check();
	const answered = page.waitForResponse(
		(r) => r.request().method() === 'POST' && r.url().includes('/add')
	);
	await section
		.getByRole('button', { name: pass === 'staff' ? '登记展商证' : '登记布展证' })
		.click();
	await answered;
	const added = section.locator('li.person', { hasText: person.name });
	const refusal = section.getByTestId(`refusal-${pass}`);
	await expect(added.or(refusal)).toBeVisible();
	if (await refusal.isVisible())
		return { added: false, refusal: (await refusal.innerText()).trim() };
	const href = await added.getByRole('link').getAttribute('href');
	return { added: true, ticketSecret: href!.split('/ticket/')[1]! };
}

/** Adds a staff badge (展商证) on the exhibitor's page, as its contact does. */
export const addStaff = (page: Page, exhibitorUrl: string, person: PassHolder) =>
	addPass(page, exhibitorUrl, 'staff', person);

/** Adds a set-up pass (布展证) on the exhibitor's page. */
export const addSetupPass = (page: Page, exhibitorUrl: string, person: PassHolder) =>
	addPass(page, exhibitorUrl, 'setup', person);

/** A ticket's QR token, as its page would show it. */
export async function ticketTokenOf(request: APIRequestContext, ticketSecret: string) {
	const ticket = await request.get(
		`${ATTENDEE}/api/trpc/registration.ticket?input=${encodeURIComponent(JSON.stringify({ secret: ticketSecret }))}`
	);
	return (await ticket.json()).result.data.token as string;
}
