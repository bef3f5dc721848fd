import { createTestDb } from '@huizhan/db/testing';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { AppError } from '../errors.ts';
import { createAttendeeCaller } from '../root.ts';
import { createContextInner } from '../context.ts';
import { DEMO_SEEDED_AT, signedInCaller } from '../test-support.ts';

const now = new Date('2026-03-01T10:00:00+08:00');
let handle: DbHandle;
let api: Awaited<ReturnType<typeof signedInCaller>>['api'];

beforeEach(async () => {
	handle = await createTestDb();
	// Made in late 2026, the demo's current editions are 2027's: wsc-2026 is free for these tests.
	await seedDemo(handle.db, DEMO_SEEDED_AT);
	({ api } = await signedInCaller(handle, 'chief', ['admin'], {
		now: () => now,
		source: '10.0.0.1'
	}));
});

const edition = (overrides: Record<string, unknown> = {}) => ({
	id: 'wsc-2026',
	nameZh: '2026世界传感器大会',
	nameEn: '2026 World Sensor Conference',
	startsOn: '2026-11-03',
	endsOn: '2026-11-05',
	venueZh: '郑州国际会展中心',
	venueEn: 'Zhengzhou International Convention and Exhibition Centre',
	themeColor: '#0B5CAD',
	refPrefix: 'wsc26',
	registrationOpensAt: '2026-02-01T00:00:00+08:00',
	registrationClosesAt: '2026-11-05T18:00:00+08:00',
	...overrides
});

async function refusal(run: () => Promise<unknown>) {
	try {
		await run();
	} catch (error) {
		if (error instanceof AppError) return { reason: error.reason, message: error.message };
		if (error instanceof TRPCError) return { reason: error.code, message: error.message };
		throw error;
	}
	throw new Error('not refused');
}

const auditActions = async () =>
	(await handle.db.select().from(tables(handle.db).auditLog)).map((a) => a.action);

describe('creating an edition', () => {
	test('a new edition is a draft with the standard categories and its own ticket key', async () => {
		const created = await api.editions.create(edition());
		expect(created).toMatchObject({ id: 'wsc-2026', refPrefix: 'WSC26', status: 'draft' });
		const detail = await api.editions.get({ id: 'wsc-2026' });
		expect(detail.categories.map((c) => [c.category, c.needsApproval])).toEqual([
			['visitor', false],
			['delegate', true],
			['exhibitor', false],
			['media', true],
			['vip', true]
		]);
		const { ticketKeys } = tables(handle.db);
		const keys = await handle.db
			.select()
			.from(ticketKeys)
			.where(eq(ticketKeys.conferenceId, 'wsc-2026'));
		expect(keys).toHaveLength(1);
		expect(await auditActions()).toContain('edition_created');
	});

	test('a reference prefix another edition uses is refused, naming that edition', async () => {
		const outcome = await refusal(() => api.editions.create(edition({ refPrefix: 'WSC' })));
		expect(outcome).toEqual({
			reason: 'ref_prefix_taken',
			message: 'the reference prefix WSC is already used by wsc-2024'
		});
		const { conferences } = tables(handle.db);
		const [stored] = await handle.db
			.select()
			.from(conferences)
			.where(eq(conferences.id, 'wsc-2026'));
		expect(stored).toBeUndefined();
	});

	test('an id that exists is refused and nothing changes', async () => {
		const outcome = await refusal(() =>
			api.editions.create(edition({ id: 'wsc-2024', refPrefix: 'WSC24' }))
		);
		expect(outcome.reason).toBe('edition_id_taken');
		expect(await auditActions()).not.toContain('edition_created');
	});

	test('a registration window that closes before it opens is refused beside the closing field', async () => {
		const outcome = await refusal(() =>
			api.editions.create(
				edition({
					registrationOpensAt: '2026-11-06T00:00:00+08:00',
					registrationClosesAt: '2026-11-05T00:00:00+08:00'
				})
			)
		);
		expect(outcome.reason).toBe('BAD_REQUEST');
		expect(outcome.message).toContain('window_order');
	});
});

describe('copying an earlier edition', () => {
	test('the proposal moves every date, the window and the targets by a year', async () => {
		const draft = await api.editions.copyDraft({ from: 'wsc-2024' });
		expect(draft).toMatchObject({
			copyFrom: 'wsc-2024',
			startsOn: '2025-11-03',
			endsOn: '2025-11-05',
			registrationOpensAt: '2025-07-31T16:00:00.000Z'
		});
		expect(draft.targets).toEqual([
			{
				metric: 'signed_amount',
				value: 500 * 100_000_000,
				periodStart: '2025-01-01',
				periodEnd: '2025-11-05'
			}
		]);
	});

	test('the copy takes the categories and gates as they are, and the targets as edited', async () => {
		await api.editions.create(
			edition({
				copyFrom: 'wsc-2024',
				targets: [
					{
						metric: 'signed_amount',
						value: 600 * 100_000_000,
						periodStart: '2026-01-01',
						periodEnd: '2026-11-05'
					}
				]
			})
		);
		const copy = await api.editions.get({ id: 'wsc-2026' });
		const original = await api.editions.get({ id: 'wsc-2024' });
		expect(copy.categories.map(({ taken: _t, ...c }) => c)).toEqual(
			original.categories.map(({ taken: _t, ...c }) => c)
		);
		expect(copy.categories.every((c) => c.taken === 0)).toBe(true);
		expect(copy.gates).toBe(original.gates);
		expect(copy.gates).toBeGreaterThan(0);
		expect(copy.targets).toEqual([
			{
				metric: 'signed_amount',
				value: 600 * 100_000_000,
				periodStart: '2026-01-01',
				periodEnd: '2026-11-05'
			}
		]);
	});
	test('the copy asks the questions asked now, not the retired ones', async () => {
		const { registrationQuestions } = tables(handle.db);
		await handle.db.insert(registrationQuestions).values([
			{
				conferenceId: 'wsc-2024',
				category: 'delegate',
				kind: 'yes_no',
				labelZh: '是否需要住宿',
				labelEn: 'Accommodation needed',
				required: true,
				createdAt: now
			},
			{
				conferenceId: 'wsc-2024',
				category: 'delegate',
				kind: 'text',
				labelZh: '旧问题',
				labelEn: 'Old question',
				createdAt: now,
				retiredAt: now
			}
		]);
		await api.editions.create(edition({ copyFrom: 'wsc-2024' }));
		const copied = await handle.db
			.select()
			.from(registrationQuestions)
			.where(eq(registrationQuestions.conferenceId, 'wsc-2026'));
		expect(copied).toMatchObject([
			{
				category: 'delegate',
				kind: 'yes_no',
				labelZh: '是否需要住宿',
				required: true,
				retiredAt: null
			}
		]);
	});

	test('a copied target is typed as the organiser says it, 500亿 or 10个, and kept in whole 元 or projects', async () => {
		await api.editions.create(
			edition({
				copyFrom: 'wsc-2024',
				targets: [
					{
						metric: 'signed_amount',
						value: '500亿',
						periodStart: '2026-01-01',
						periodEnd: '2026-12-10'
					},
					{
						metric: 'formal_signing_count',
						value: '10个',
						periodStart: '2026-01-01',
						periodEnd: '2026-12-10'
					}
				]
			})
		);
		const copy = await api.editions.get({ id: 'wsc-2026' });
		expect(copy.targets.map((t) => [t.metric, t.value])).toEqual([
			['formal_signing_count', 10],
			['signed_amount', 50_000_000_000]
		]);
	});

	test('a copied target typed with a European decimal comma is refused, and no edition is made', async () => {
		const attempt = api.editions.create(
			edition({
				copyFrom: 'wsc-2024',
				targets: [
					{
						metric: 'signed_amount',
						value: '5,6亿',
						periodStart: '2026-01-01',
						periodEnd: '2026-12-10'
					}
				]
			})
		);
		await expect(attempt).rejects.toMatchObject({
			message: expect.stringContaining('target_value_not_a_number')
		});
		const ids = (await api.editions.list()).map((e) => e.id);
		expect(ids).not.toContain('wsc-2026');
	});
});

describe('status', () => {
	test('an edition goes draft → open → closed → archived, each step audited', async () => {
		await api.editions.create(edition());
		for (const status of ['open', 'closed', 'archived'] as const) {
			expect((await api.editions.setStatus({ id: 'wsc-2026', status })).status).toBe(status);
		}
		expect((await auditActions()).filter((a) => a === 'edition_status_changed')).toHaveLength(3);
	});

	test('a step the rules do not allow is refused and changes nothing', async () => {
		await api.editions.create(edition());
		const outcome = await refusal(() =>
			api.editions.setStatus({ id: 'wsc-2026', status: 'archived' })
		);
		expect(outcome.reason).toBe('status_change_refused');
		expect((await api.editions.get({ id: 'wsc-2026' })).status).toBe('draft');
	});

	test('a draft is not public; opened it is listed and takes registrations; archived it leaves the list while its ticket still opens', async () => {
		const attendee = createAttendeeCaller(createContextInner({ ...handle, now: () => now }));
		await api.editions.create(edition());
		expect((await attendee.conferences.list()).map((c) => c.id)).not.toContain('wsc-2026');
		expect(
			(await refusal(() => attendee.registration.conference({ conferenceId: 'wsc-2026' }))).reason
		).toBe('conference_not_found');

		await api.editions.setStatus({ id: 'wsc-2026', status: 'open' });
		expect((await attendee.conferences.list()).map((c) => c.id)).toContain('wsc-2026');
		const registered = await attendee.registration.register({
			conferenceId: 'wsc-2026',
			category: 'visitor',
			name: '张伟',
			organisation: '郑州大学',
			mobile: '13800138000',
			consent: true
		});
		if (registered.outcome !== 'registered') throw new Error('not registered');
		expect(registered.reference).toMatch(/^WSC26-/);

		await api.editions.setStatus({ id: 'wsc-2026', status: 'closed' });
		expect(
			(await attendee.registration.conference({ conferenceId: 'wsc-2026' })).registrationPhase
		).toBe('closed');
		await api.editions.setStatus({ id: 'wsc-2026', status: 'archived' });
		expect((await attendee.conferences.list()).map((c) => c.id)).not.toContain('wsc-2026');
		const ticket = await attendee.registration.ticket({ secret: registered.ticketSecret });
		expect(ticket?.reference).toBe(registered.reference);
	});
});

describe('categories', () => {
	const category = (overrides: Record<string, unknown> = {}) => ({
		conferenceId: 'wsc-2026',
		category: 'visitor' as const,
		nameZh: '专业观众',
		nameEn: 'Trade visitor',
		descriptionZh: '',
		descriptionEn: '',
		color: '#2e7d32',
		capacity: 2,
		needsApproval: false,
		byInvitation: false,
		needsVetting: false,
		open: true,
		sortOrder: 0,
		...overrides
	});

	async function openWithVisitors(n: number) {
		await api.editions.create(edition());
		await api.editions.setStatus({ id: 'wsc-2026', status: 'open' });
		const attendee = createAttendeeCaller(createContextInner({ ...handle, now: () => now }));
		for (let i = 0; i < n; i++) {
			await attendee.registration.register({
				conferenceId: 'wsc-2026',
				category: 'visitor',
				name: `访客${i}`,
				organisation: '郑州大学',
				mobile: `1380013800${i}`,
				consent: true
			});
		}
		return attendee;
	}

	test('a capacity below the seats already taken is refused with the number taken', async () => {
		await openWithVisitors(3);
		const outcome = await refusal(() => api.editions.updateCategory(category({ capacity: 2 })));
		expect(outcome).toEqual({
			reason: 'capacity_below_taken',
			message: 'capacity 2 is below the 3 seats already taken'
		});
		expect((await api.editions.get({ id: 'wsc-2026' })).categories[0]?.capacity).toBeNull();
	});

	test('a capacity equal to the seats taken is accepted, audited, and fills the category', async () => {
		const attendee = await openWithVisitors(3);
		const saved = await api.editions.updateCategory(category({ capacity: 3 }));
		expect(saved).toMatchObject({ capacity: 3, nameZh: '专业观众', descriptionZh: null });
		expect(await auditActions()).toContain('category_updated');
		const outcome = await refusal(() =>
			attendee.registration.register({
				conferenceId: 'wsc-2026',
				category: 'visitor',
				name: '晚到',
				organisation: '郑州大学',
				mobile: '13900139000',
				consent: true
			})
		);
		expect(outcome.reason).toBe('category_full');
	});

	test('a category that needs vetting starts its registrations waiting for the verdict', async () => {
		const attendee = await openWithVisitors(0);
		const saved = await api.editions.updateCategory(category({ capacity: '', needsVetting: true }));
		expect(saved).toMatchObject({ needsVetting: true, byInvitation: false });
		expect((await api.editions.get({ id: 'wsc-2026' })).categories[0]).toMatchObject({
			category: 'visitor',
			needsVetting: true
		});
		const registered = await attendee.registration.register({
			conferenceId: 'wsc-2026',
			category: 'visitor',
			name: '张伟',
			organisation: '郑州大学',
			mobile: '13800138000',
			consent: true
		});
		expect(registered).toMatchObject({ outcome: 'registered', status: 'pending_vetting' });
	});

	test('a closed category takes no registrations', async () => {
		const attendee = await openWithVisitors(0);
		await api.editions.updateCategory(category({ capacity: '', open: false }));
		const outcome = await refusal(() =>
			attendee.registration.register({
				conferenceId: 'wsc-2026',
				category: 'visitor',
				name: '张伟',
				organisation: '郑州大学',
				mobile: '13800138000',
				consent: true
			})
		);
		expect(outcome.reason).toBe('category_closed');
	});
});
