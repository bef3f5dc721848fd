import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { ZodError } from 'zod';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle, type schema } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { createTestDb } from '@huizhan/db/testing';
import { createContextInner } from '../context.ts';
import { AppError } from '../errors.ts';
import { createAttendeeCaller } from '../root.ts';
import { registerInput } from '../schemas/registrations.ts';
import { signedInCaller } from '../test-support.ts';
import { writeTable } from '../spreadsheets/export.ts';
import { MEMBER_COLUMNS } from './delegation-sheets.ts';
import { register } from './registrations.ts';
import { ensureTicketKeys } from './tickets.ts';

let handle: DbHandle;
const now = () => new Date('2026-11-26T10:00:00+08:00');
/** The demo's sensor edition open for registration on that day: wsc-2027. */
const SENSOR = currentDemoEdition(now(), 'wsc');

let admin: Awaited<ReturnType<typeof signedInCaller>>['api'] | undefined;
const adminApi = async () =>
	(admin ??= (await signedInCaller(handle, 'root', ['admin'], { source: '10.0.0.9', now })).api);
const leaderApi = () => createAttendeeCaller(createContextInner({ ...handle, now }));

const member = (i: number, extra: Partial<Record<string, string>> = {}) => ({
	name: `成员${i}`,
	title: '处长',
	mobile: `1391234${String(i).padStart(4, '0')}`,
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

/** A delegation of `category` in the sensor edition; its leader's secret. */
async function delegation(
	quota: number,
	category: schema.AttendeeCategory = 'delegate',
	name = '深圳市代表团'
) {
	const admin = await adminApi();
	const created = await admin.delegations.create({
		conferenceId: SENSOR.id,
		category,
		name,
		organisation: '深圳市商务局',
		leaderName: '李军',
		leaderMobile: '13700137000',
		leaderEmail: 'lijun@example.cn',
		quota
	});
	return { ...created, admin };
}

async function setCapacity(category: schema.AttendeeCategory, capacity: number | null) {
	const { conferenceCategories } = tables(handle.db);
	await handle.db
		.update(conferenceCategories)
		.set({ capacity })
		.where(
			and(
				eq(conferenceCategories.conferenceId, SENSOR.id),
				eq(conferenceCategories.category, category)
			)
		);
}

async function membersOf(delegationId: number) {
	const { registrations } = tables(handle.db);
	return handle.db
		.select()
		.from(registrations)
		.where(eq(registrations.delegationId, delegationId))
		.orderBy(registrations.id);
}

const sheetOf = async (rows: string[][], format: 'xlsx' | 'csv' = 'xlsx') =>
	Buffer.from(
		await writeTable(
			{
				sheetName: '成员',
				headers: MEMBER_COLUMNS.map((c) => c.header),
				rows,
				widths: [],
				integers: new Set()
			},
			format
		)
	).toString('base64');

const sheetRow = (i: number) => [
	`成员${i}`,
	'',
	'处长',
	`1391234${String(i).padStart(4, '0')}`,
	''
];

beforeEach(async () => {
	admin = undefined;
	handle = await createTestDb();
	await seedDemo(handle.db, now());
	await ensureTicketKeys(handle.db, now());
});
afterEach(() => handle.close());

describe('an admin runs delegations', () => {
	test('creating one queues the leader link on both channels and is audited', async () => {
		const { id, admin } = await delegation(4);
		const { outbox, auditLog } = tables(handle.db);
		const messages = await handle.db.select().from(outbox).where(eq(outbox.delegationId, id));
		expect(messages.map((m) => [m.kind, m.channel]).sort()).toEqual([
			['delegation_link', 'mail'],
			['delegation_link', 'sms']
		]);
		await admin.delegations.resendLink({ delegationId: id });
		expect(await handle.db.select().from(outbox).where(eq(outbox.delegationId, id))).toHaveLength(
			4
		);
		const audit = await handle.db.select().from(auditLog);
		expect(audit.map((a) => a.action)).toEqual(['delegation_created', 'delegation_link_resent']);
		// The leader's contact never reaches the audit log.
		expect(JSON.stringify(audit)).not.toMatch(/13700137000|lijun@/);
		expect(await admin.delegations.list({ conferenceId: SENSOR.id })).toMatchObject([
			{ id, name: '深圳市代表团', quota: 4, members: 0, closed: false }
		]);
	});

	test('a leader contact is required and checked, nothing stored when it is not', async () => {
		const admin = await adminApi();
		const refused = await admin.delegations
			.create({
				conferenceId: SENSOR.id,
				category: 'delegate',
				name: '代表团',
				organisation: '某局',
				leaderName: '李军',
				leaderMobile: '12345',
				quota: 4
			})
			.catch((e: TRPCError) => e);
		expect(refused).toBeInstanceOf(TRPCError);
		expect((refused as TRPCError).cause).toBeInstanceOf(ZodError);
		expect(((refused as TRPCError).cause as ZodError).issues).toMatchObject([
			{ path: ['leaderMobile'], message: 'mobile_invalid' }
		]);
		expect(await admin.delegations.list({})).toEqual([]);
	});

	test('the quota never drops below the members holding a place; closing stops the page', async () => {
		const { id, secret, admin } = await delegation(4);
		const leader = leaderApi();
		await leader.delegation.addMembers({
			secret,
			members: [member(1), member(2), member(3)],
			consent: true
		});
		const refused = await reasonOf(admin.delegations.setQuota({ delegationId: id, quota: 2 }));
		expect([refused.reason, refused.details.members]).toEqual(['quota_below_members', 3]);
		expect(await admin.delegations.setQuota({ delegationId: id, quota: 3 })).toEqual({
			quota: 3,
			members: 3
		});
		const detail = await admin.delegations.get({ delegationId: id });
		expect(detail.rows.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
		expect(detail).toMatchObject({ quota: 3, members: 3 });

		await admin.delegations.close({ delegationId: id });
		await leader.delegation.cancelMember({ secret, reference: detail.rows[0]!.reference });
		const closed = await reasonOf(
			leader.delegation.addMembers({ secret, members: [member(9)], consent: true })
		);
		expect(closed.reason).toBe('delegation_closed');
		expect((await leader.delegation.page({ secret }))?.open).toBe(false);
	});
});

describe('a leader adds members, all or none', () => {
	test('five against a quota of four are refused as a whole; then four get four tickets', async () => {
		const { id, secret } = await delegation(4);
		const leader = leaderApi();
		const five = await sheetOf([1, 2, 3, 4, 5].map(sheetRow));
		const preview = await leader.delegation.previewSheet({ secret, contentBase64: five });
		expect(preview.errors).toEqual([]);
		expect(preview.refusal).toEqual({
			reason: 'delegation_quota_exceeded',
			details: { placesLeft: 4, submitted: 5 }
		});
		const refused = await reasonOf(
			leader.delegation.submitSheet({ secret, contentBase64: five, consent: true })
		);
		expect([refused.reason, refused.details.placesLeft]).toEqual(['delegation_quota_exceeded', 4]);
		expect(await membersOf(id)).toEqual([]);
		expect(
			await handle.db
				.select()
				.from(tables(handle.db).outbox)
				.where(eq(tables(handle.db).outbox.kind, 'registration_confirmed'))
		).toEqual([]);

		const four = await sheetOf([1, 2, 3, 4].map(sheetRow), 'csv');
		expect((await leader.delegation.previewSheet({ secret, contentBase64: four })).refusal).toBe(
			null
		);
		const { added } = await leader.delegation.submitSheet({
			secret,
			contentBase64: four,
			consent: true
		});
		expect(added).toHaveLength(4);
		const stored = await membersOf(id);
		// 嘉宾 need approval on the open form; a delegation was decided by the organisers.
		expect(stored.map((r) => [r.name, r.status, r.organisation, r.mobile])).toEqual([
			['成员1', 'confirmed', '深圳市商务局', '+8613912340001'],
			['成员2', 'confirmed', '深圳市商务局', '+8613912340002'],
			['成员3', 'confirmed', '深圳市商务局', '+8613912340003'],
			['成员4', 'confirmed', '深圳市商务局', '+8613912340004']
		]);
		const { outbox } = tables(handle.db);
		const confirmations = await handle.db
			.select()
			.from(outbox)
			.where(eq(outbox.kind, 'registration_confirmed'));
		expect(confirmations.map((m) => [m.registrationId, m.channel])).toEqual(
			stored.map((r) => [r.id, 'sms'])
		);
		const page = await leader.delegation.page({ secret });
		expect(page).toMatchObject({ quota: 4, placesLeft: 0, open: true });
		expect(page!.members.map((m) => m.reference)).toEqual(stored.map((r) => r.reference));
		expect(page!.members[0]!.ticketSecret).toBe(stored[0]!.ticketSecret);
	});

	test('vetting applies to delegation members too', async () => {
		const { conferenceCategories } = tables(handle.db);
		await handle.db
			.update(conferenceCategories)
			.set({ needsVetting: true })
			.where(
				and(
					eq(conferenceCategories.conferenceId, SENSOR.id),
					eq(conferenceCategories.category, 'vip')
				)
			);
		const { id, secret } = await delegation(2, 'vip');
		await leaderApi().delegation.addMembers({ secret, members: [member(1)], consent: true });
		expect((await membersOf(id)).map((r) => r.status)).toEqual(['pending_vetting']);
		const { outbox } = tables(handle.db);
		expect(
			(
				await handle.db
					.select()
					.from(outbox)
					.where(eq(outbox.registrationId, (await membersOf(id))[0]!.id))
			).map((m) => m.kind)
		).toEqual(['registration_received']);
	});

	test('the category seats count too: too few left refuses the submission and says how many', async () => {
		const { id, secret } = await delegation(10);
		await setCapacity('delegate', 2);
		const refused = await reasonOf(
			leaderApi().delegation.addMembers({
				secret,
				members: [member(1), member(2), member(3)],
				consent: true
			})
		);
		expect([refused.reason, refused.details.placesLeft]).toEqual(['category_full', 2]);
		expect(await membersOf(id)).toEqual([]);
		expect((await leaderApi().delegation.page({ secret }))?.placesLeft).toBe(2);
	});

	test('a member already registered refuses the submission naming the row', async () => {
		const { id, secret } = await delegation(4);
		await register(
			handle.db,
			registerInput.parse({
				conferenceId: SENSOR.id,
				category: 'visitor',
				name: '已报名',
				organisation: '某单位',
				mobile: '13912340003',
				consent: true
			}),
			now()
		);
		const refused = await reasonOf(
			leaderApi().delegation.submitSheet({
				secret,
				contentBase64: await sheetOf([1, 2, 3].map(sheetRow)),
				consent: true
			})
		);
		// Row 4 of the file: the header is row 1.
		expect([refused.reason, refused.details.row]).toEqual(['member_already_registered', 4]);
		const twice = await reasonOf(
			leaderApi().delegation.addMembers({
				secret,
				members: [member(1), member(2, { mobile: '13912340001' })],
				consent: true
			})
		);
		expect([twice.reason, twice.details.row, twice.details.otherRow]).toEqual([
			'member_repeated',
			2,
			1
		]);
		expect(await membersOf(id)).toEqual([]);
	});

	test('the dry run names every bad cell by row and column', async () => {
		const { secret } = await delegation(4);
		const preview = await leaderApi().delegation.previewSheet({
			secret,
			contentBase64: await sheetOf([
				sheetRow(1),
				['', '', '', '13912340002', ''],
				['成员3', '', '', '12345', 'not-an-email'],
				['成员4', '', '', '', '']
			])
		});
		expect(preview.errors).toEqual([
			{ row: 3, column: '姓名', code: 'required' },
			{ row: 4, column: '手机', code: 'mobile_invalid' },
			{ row: 4, column: '邮箱', code: 'email_invalid' },
			{ row: 5, column: '手机', code: 'contact_required' }
		]);
		expect(preview.members).toEqual([]);
	});

	test('cancelling a member frees the place for another', async () => {
		const { id, secret } = await delegation(1);
		const leader = leaderApi();
		const { added } = await leader.delegation.addMembers({
			secret,
			members: [member(1)],
			consent: true
		});
		expect(
			(
				await reasonOf(
					leader.delegation.addMembers({ secret, members: [member(2)], consent: true })
				)
			).reason
		).toBe('delegation_quota_exceeded');
		expect(
			await leader.delegation.cancelMember({ secret, reference: added[0]!.reference })
		).toEqual({ cancelled: true });
		await leader.delegation.addMembers({ secret, members: [member(2)], consent: true });
		expect((await membersOf(id)).map((r) => [r.name, r.status])).toEqual([
			['成员1', 'cancelled'],
			['成员2', 'confirmed']
		]);
	});

	test('submissions at the same moment never overfill the quota', async () => {
		const { id, secret } = await delegation(4);
		const leader = leaderApi();
		const outcomes = await Promise.allSettled(
			[0, 1, 2].map((k) =>
				leader.delegation.addMembers({
					secret,
					members: [member(k * 10 + 1), member(k * 10 + 2)],
					consent: true
				})
			)
		);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
		const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
		expect((refused.reason as AppError).details.placesLeft).toBe(0);
		const stored = await membersOf(id);
		expect(stored).toHaveLength(4);
		// Whole submissions only: each stored pair is complete.
		const pairs = new Set(stored.map((r) => Math.floor((Number(r.name.slice(2)) - 1) / 10)));
		expect(pairs.size).toBe(2);
	});

	test('two delegations and the open form at the same moment never oversell the category', async () => {
		await setCapacity('delegate', 5);
		const one = await delegation(5, 'delegate', '甲团');
		const two = await delegation(5, 'delegate', '乙团');
		const leader = leaderApi();
		const outcomes = await Promise.allSettled([
			leader.delegation.addMembers({
				secret: one.secret,
				members: [member(1), member(2), member(3)],
				consent: true
			}),
			leader.delegation.addMembers({
				secret: two.secret,
				members: [member(11), member(12), member(13)],
				consent: true
			}),
			leader.registration.register({
				conferenceId: SENSOR.id,
				category: 'delegate',
				name: '散客',
				organisation: '某单位',
				mobile: '13912349999',
				consent: true
			})
		]);
		expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
		expect(outcomes[2]!.status).toBe('fulfilled');
		const { registrations } = tables(handle.db);
		const taken = await handle.db
			.select()
			.from(registrations)
			.where(
				and(eq(registrations.conferenceId, SENSOR.id), eq(registrations.category, 'delegate'))
			);
		expect(taken.filter((r) => r.status !== 'cancelled')).toHaveLength(4);
	});
});

describe('the leader page behind its secret', () => {
	test('an unknown secret finds nothing and stores nothing; the page shows no contacts', async () => {
		const { id, secret } = await delegation(4);
		const leader = leaderApi();
		const stranger = 'A'.repeat(22);
		expect(await leader.delegation.page({ secret: stranger })).toBe(null);
		for (const attempt of [
			() => leader.delegation.addMembers({ secret: stranger, members: [member(1)], consent: true }),
			async () =>
				leader.delegation.submitSheet({
					secret: stranger,
					contentBase64: await sheetOf([sheetRow(1)]),
					consent: true
				}),
			() => leader.delegation.badges({ secret: stranger })
		]) {
			expect((await reasonOf(attempt())).reason).toBe('delegation_not_found');
		}
		expect(await membersOf(id)).toEqual([]);
		await leader.delegation.addMembers({ secret, members: [member(1)], consent: true });
		const page = await leader.delegation.page({ secret });
		expect(JSON.stringify(page)).not.toMatch(/13912340001|lijun@|13700137000/);
	});
});

describe('badge sheets', () => {
	test('print the confirmed members of a selection with their ticket tokens', async () => {
		const { id, secret, admin } = await delegation(4);
		await leaderApi().delegation.addMembers({
			secret,
			members: [member(1), member(2), member(3)],
			consent: true
		});
		const sheet = await admin.badges.sheet({ by: 'delegation', delegationId: id });
		expect(sheet.conference?.id).toBe(SENSOR.id);
		expect(sheet.badges.map((b) => [b.name, b.organisation, b.delegation])).toEqual([
			['成员1', '深圳市商务局', '深圳市代表团'],
			['成员2', '深圳市商务局', '深圳市代表团'],
			['成员3', '深圳市商务局', '深圳市代表团']
		]);
		expect(sheet.badges.every((b) => b.token.length > 40)).toBe(true);
		const leaderSheet = await leaderApi().delegation.badges({ secret });
		expect(leaderSheet.badges.map((b) => b.reference)).toEqual(
			sheet.badges.map((b) => b.reference)
		);

		const byReference = await admin.badges.sheet({
			by: 'references',
			references: [sheet.badges[0]!.reference.toLowerCase(), 'WSC-ZZZZZZ']
		});
		expect(byReference.badges.map((b) => b.name)).toEqual(['成员1']);
		expect(byReference.skipped).toEqual([{ reference: 'WSC-ZZZZZZ', reason: 'not_found' }]);

		const { auditLog } = tables(handle.db);
		const printed = (await handle.db.select().from(auditLog)).filter(
			(a) => a.action === 'badges_printed'
		);
		expect(printed).toHaveLength(2);
	});

	test('a category sheet leaves out who is not confirmed, and says so', async () => {
		const admin = await adminApi();
		for (const [i, category] of (['vip', 'vip'] as const).entries()) {
			await register(
				handle.db,
				registerInput.parse({
					conferenceId: SENSOR.id,
					category,
					name: `贵宾${i}`,
					organisation: '某单位',
					mobile: `1381234567${i}`,
					consent: true
				}),
				now()
			);
		}
		const before = await admin.badges.sheet({
			by: 'category',
			conferenceId: SENSOR.id,
			category: 'vip'
		});
		expect(before.badges).toEqual([]);
		expect(before.skipped.map((s) => s.reason)).toEqual(['not_confirmed', 'not_confirmed']);
	});
});
