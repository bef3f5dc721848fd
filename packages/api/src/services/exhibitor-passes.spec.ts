import { verify } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { admittedKeys, judgeOffline, type SignatureCheck } from '@huizhan/ledger/checkin';
import { creditCodeCheckCharacter } from '@huizhan/ledger';
import { tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { createTestDb } from '@huizhan/db/testing';
import { createContextInner } from '../context.ts';
import { AppError } from '../errors.ts';
import { createAttendeeCaller } from '../root.ts';
import { publicKeyFromRaw } from '../tickets/token.ts';
import { checkinSnapshot } from './checkin-review.ts';
import { scan } from './checkin-scan.ts';
import { ensureTicketKeys, ticketToken } from './tickets.ts';

/*
 * The exhibitor's people: staff badges and set-up passes within the quota its assigned booths
 * bring, one at a time even from two tabs at once; and a set-up pass at the gate, refused after
 * the set-up days online and offline alike.
 */

let handle: DbHandle;
let clock = new Date('2026-11-26T10:00:00+08:00');
const now = () => clock;
/** The demo's sensor edition, open for registration on that day. */
const SENSOR = currentDemoEdition(clock, 'wsc');
const page = () => createAttendeeCaller(createContextInner({ ...handle, now }));

const person = (i: number, extra: Record<string, string> = {}) => ({
	name: `展商员工${i}`,
	title: '销售经理',
	mobile: `1381234${String(i).padStart(4, '0')}`,
	...extra
});

async function reasonOf(promise: Promise<unknown>): Promise<AppError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
	return error;
}

/** An approved exhibitor of the sensor edition holding booth A-101 (18 ㎡) as `hold`. */
async function exhibitorWith(
	hold: 'assigned' | 'reserved' | null = 'assigned',
	status: 'approved' | 'pending' = 'approved'
) {
	const t = tables(handle.db);
	const [hall] = await handle.db
		.insert(t.exhibitionHalls)
		.values({ conferenceId: SENSOR.id, code: 'A', nameZh: 'A馆', nameEn: 'Hall A' })
		.returning();
	const [booth] = await handle.db
		.insert(t.booths)
		.values({
			conferenceId: SENSOR.id,
			hallId: hall!.id,
			number: 'A-101',
			areaSquareMetres: 18,
			type: 'standard'
		})
		.returning();
	const secret = 'e'.repeat(22);
	const [exhibitor] = await handle.db
		.insert(t.exhibitors)
		.values({
			conferenceId: SENSOR.id,
			companyZh: '汉威科技集团',
			companyEn: 'Hanwei Electronics',
			creditCode: '91350100M000100Y4' + creditCodeCheckCharacter('91350100M000100Y4'),
			contactName: '王五',
			contactMobile: '+8613700137000',
			wantedBoothType: 'standard',
			wantedSquareMetres: 18,
			language: 'zh-CN',
			status,
			secret,
			consentAt: clock
		})
		.returning();
	if (hold) {
		const [admin] = await handle.db
			.insert(t.staffUsers)
			.values({ login: 'expo', displayName: '展务', passwordHash: '$argon2id$not-used-here' })
			.returning();
		await handle.db.insert(t.boothHolds).values({
			boothId: booth!.id,
			exhibitorId: exhibitor!.id,
			kind: hold,
			createdAt: clock,
			createdBy: admin!.id
		});
	}
	return { secret, exhibitor: exhibitor!, booth: booth! };
}

const add = (secret: string, i: number, pass: 'staff' | 'setup' = 'staff') =>
	page().exhibitorPage.addPass({ secret, pass, person: person(i), consent: true });

async function peopleOf(exhibitorId: number) {
	const { registrations } = tables(handle.db);
	return handle.db
		.select()
		.from(registrations)
		.where(eq(registrations.exhibitorId, exhibitorId))
		.orderBy(registrations.id);
}

beforeEach(async () => {
	clock = new Date('2026-11-26T10:00:00+08:00');
	handle = await createTestDb();
	await seedDemo(handle.db, clock);
	await ensureTicketKeys(handle.db, clock);
});
afterEach(() => handle.close());

describe('staff badges within the quota', () => {
	test('18 ㎡ at one per 3 ㎡ (at least 2) is six badges; the seventh is refused naming the rule', async () => {
		const { secret, exhibitor } = await exhibitorWith();
		for (let i = 1; i <= 6; i++) await add(secret, i);
		const refused = await reasonOf(add(secret, 7));
		expect(refused.reason).toBe('exhibitor_pass_quota_full');
		expect(refused.details).toEqual({
			pass: 'staff',
			area: 18,
			squareMetresPer: 3,
			minimum: 2,
			quota: 6
		});
		const people = await peopleOf(exhibitor.id);
		expect(people).toHaveLength(6);
		// Each a 展商 registration of the company, confirmed: the admin approved the company.
		for (const p of people) {
			expect(p).toMatchObject({
				category: 'exhibitor',
				organisation: '汉威科技集团',
				exhibitorPass: 'staff',
				status: 'confirmed',
				conferenceId: SENSOR.id
			});
		}
		const { outbox } = tables(handle.db);
		const queued = await handle.db
			.select()
			.from(outbox)
			.where(eq(outbox.registrationId, people[0]!.id));
		expect(queued.map((m) => [m.kind, m.channel])).toEqual([['registration_confirmed', 'sms']]);
		const view = await page().exhibitorPage.page({ secret });
		expect(view?.approved && view.passes.staff).toEqual({ quota: 6, used: 6 });
	});

	test('two tabs adding the last badge at once give it once', async () => {
		const { secret, exhibitor } = await exhibitorWith();
		for (let i = 1; i <= 5; i++) await add(secret, i);
		const outcomes = await Promise.allSettled([add(secret, 6), add(secret, 7)]);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
		const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
		expect((refused.reason as AppError).reason).toBe('exhibitor_pass_quota_full');
		expect(await peopleOf(exhibitor.id)).toHaveLength(6);
	});

	test('a cancelled badge frees its place and voids its ticket', async () => {
		const { secret, exhibitor } = await exhibitorWith();
		const added = [];
		for (let i = 1; i <= 6; i++) added.push(await add(secret, i));
		expect(
			await page().exhibitorPage.cancelPass({ secret, reference: added[2]!.reference })
		).toEqual({ cancelled: true });
		// Twice is a no-op; another company's secret cancels nothing of this one.
		expect(
			await page().exhibitorPage.cancelPass({ secret, reference: added[2]!.reference })
		).toEqual({ cancelled: false });
		await add(secret, 7);
		const people = await peopleOf(exhibitor.id);
		expect(people.map((p) => p.status)).toEqual([
			'confirmed',
			'confirmed',
			'cancelled',
			'confirmed',
			'confirmed',
			'confirmed',
			'confirmed'
		]);
		expect((await reasonOf(add(secret, 8))).reason).toBe('exhibitor_pass_quota_full');
	});

	test('a reserved booth brings no badges', async () => {
		const { secret } = await exhibitorWith('reserved');
		const refused = await reasonOf(add(secret, 1));
		expect(refused.reason).toBe('exhibitor_no_booth');
		expect(refused.details).toMatchObject({ area: 0, quota: 0 });
	});

	test('set-up passes have their own quota: 18 ㎡ at one per 9 ㎡, at least 2', async () => {
		const { secret, exhibitor } = await exhibitorWith();
		await add(secret, 1, 'setup');
		await add(secret, 2, 'setup');
		const refused = await reasonOf(add(secret, 3, 'setup'));
		expect(refused.details).toMatchObject({ pass: 'setup', squareMetresPer: 9, quota: 2 });
		// The staff badges are untouched by it.
		await add(secret, 4);
		expect((await peopleOf(exhibitor.id)).map((p) => p.exhibitorPass)).toEqual([
			'setup',
			'setup',
			'staff'
		]);
	});

	test('a person registered for the edition already is refused, and nothing is stored', async () => {
		const { secret, exhibitor } = await exhibitorWith();
		await add(secret, 1);
		expect((await reasonOf(add(secret, 1))).reason).toBe('member_already_registered');
		expect(await peopleOf(exhibitor.id)).toHaveLength(1);
	});

	test('an exhibitor not approved adds nobody; an unknown secret is not found', async () => {
		const { secret } = await exhibitorWith('assigned', 'pending');
		expect((await reasonOf(add(secret, 1))).reason).toBe('exhibitor_not_approved');
		expect(await page().exhibitorPage.page({ secret })).toEqual({
			approved: false,
			status: 'pending'
		});
		expect((await reasonOf(add('n'.repeat(22), 1))).code).toBe('NOT_FOUND');
		expect(await page().exhibitorPage.page({ secret: 'n'.repeat(22) })).toBeNull();
	});
});

describe("the exhibitor's page", () => {
	test('shows the booths held and the people with contacts masked; saves the directory profile', async () => {
		const { secret } = await exhibitorWith();
		await page().exhibitorPage.addPass({
			secret,
			pass: 'staff',
			person: person(1, { email: 'Li.Si@Hanwei.cn' }),
			language: 'en',
			consent: true
		});
		await page().exhibitorPage.saveProfile({
			secret,
			introZh: '气体传感器',
			productsZh: '传感器；检测仪',
			website: 'https://www.hanwei.cn'
		});
		const view = await page().exhibitorPage.page({ secret });
		if (!view?.approved) throw new Error('expected the approved page');
		expect(view.booths).toEqual([
			expect.objectContaining({ number: 'A-101', areaSquareMetres: 18, hold: 'assigned' })
		]);
		expect(view.profile).toMatchObject({ introZh: '气体传感器', website: 'https://www.hanwei.cn' });
		expect(view.people).toEqual([
			expect.objectContaining({ mobile: '138****0001', email: 'l***@hanwei.cn', pass: 'staff' })
		]);
		expect(JSON.stringify(view)).not.toContain('13812340001');
		// Not a web address: refused beside the field, nothing changed.
		await expect(
			page().exhibitorPage.saveProfile({ secret, introZh: '改', website: 'javascript:alert(1)' })
		).rejects.toMatchObject({
			code: 'BAD_REQUEST',
			message: expect.stringContaining('website_invalid')
		});
		const again = await page().exhibitorPage.page({ secret });
		expect(again?.approved && again.profile.introZh).toBe('气体传感器');
	});
});

describe('a set-up pass at the gate', () => {
	const nodeCheck: SignatureCheck = async (ticket, publicKey) =>
		verify(null, ticket.body, publicKeyFromRaw(publicKey), ticket.signature);

	test('admits on the set-up days and is refused the day after, online and offline alike', async () => {
		const { secret } = await exhibitorWith();
		const t = tables(handle.db);
		await handle.db.insert(t.exhibitionRules).values({
			conferenceId: SENSOR.id,
			setupStartsOn: '2026-11-26',
			setupEndsOn: '2026-11-27'
		});
		const setup = await add(secret, 1, 'setup');
		const staff = await add(secret, 2);
		const [gate] = await handle.db
			.insert(t.checkpoints)
			.values({
				conferenceId: SENSOR.id,
				nameZh: '展馆北门',
				nameEn: 'Hall north gate',
				allowedCategories: ['exhibitor'],
				entryRule: 'once_per_day'
			})
			.returning();
		const [door] = await handle.db
			.insert(t.staffUsers)
			.values({ login: 'gate9', displayName: '检票员', passwordHash: '$argon2id$not-used-here' })
			.returning();
		const actor = { staffId: door!.id, scanner: null, mayUndoAny: false };
		const tokenOf = (id: number) =>
			ticketToken(handle.db, { id, conferenceId: SENSOR.id, category: 'exhibitor' });
		let nonce = 0;
		const both = async (registrationId: number) => {
			const code = await tokenOf(registrationId);
			const snapshot = await checkinSnapshot(handle.db, SENSOR.id, clock);
			const offline = await judgeOffline(
				snapshot,
				gate!.id,
				{ code },
				admittedKeys(snapshot),
				clock.getTime(),
				nodeCheck
			);
			const online = await scan(
				handle.db,
				handle.writes,
				{
					checkpointId: gate!.id,
					code,
					deviceId: 'passes',
					nonce: `n${++nonce}`,
					scannedAt: clock
				},
				actor,
				now
			);
			return [offline.reason, online.reason, online.words.zh];
		};
		// Late on the last set-up day (Beijing), then just after midnight.
		clock = new Date('2026-11-27T23:50:00+08:00');
		expect((await both(setup.registrationId)).slice(0, 2)).toEqual(['ok', 'ok']);
		clock = new Date('2026-11-28T00:10:00+08:00');
		const [offline, online, words] = await both(setup.registrationId);
		expect([offline, online]).toEqual(['outside_setup_days', 'outside_setup_days']);
		expect(words).toBeTruthy();
		// A staff badge of the same company enters on a show day.
		expect((await both(staff.registrationId)).slice(0, 2)).toEqual(['ok', 'ok']);
		const { registrations } = tables(handle.db);
		const [stored] = await handle.db
			.select()
			.from(registrations)
			.where(eq(registrations.id, setup.registrationId));
		expect(stored?.exhibitorPass).toBe('setup');
		// Its ticket page names the company and the set-up days.
		expect(await page().exhibitorPage.ticketPass({ ticketSecret: setup.ticketSecret })).toEqual({
			pass: 'setup',
			companyZh: '汉威科技集团',
			companyEn: 'Hanwei Electronics',
			setupDays: { startsOn: '2026-11-26', endsOn: '2026-11-27' }
		});
	});
});
