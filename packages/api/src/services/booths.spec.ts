import { and, eq } from 'drizzle-orm';
import { expect, onTestFinished, test } from 'vitest';
import { tables } from '@huizhan/db';
import { seedDemoRegistrations } from '@huizhan/db/seed';
import { AppError } from '../errors.ts';
import { boothInput } from '../schemas/booths.ts';
import { seededContext, signedInCaller } from '../test-support.ts';
import { passCounts } from './exhibition.ts';

/** Two admins over a demo database, a hall A with A-101 (18 ㎡), and approved exhibitors. */
async function boothWorld(conferenceId = 'wsc-2024') {
	const handle = await seededContext();
	onTestFinished(() => handle.close());
	const { db } = handle;
	const t = tables(db);
	const first = await signedInCaller(handle, 'expo-one', ['admin']);
	const second = await signedInCaller(handle, 'expo-two', ['admin']);
	const hall = await first.api.booths.createHall({
		conferenceId,
		code: 'a',
		nameZh: 'A馆',
		nameEn: 'Hall A',
		sortOrder: 0
	});
	const a101 = await first.api.booths.createBooth({
		conferenceId,
		hallId: hall.id,
		number: 'a-101',
		areaSquareMetres: 18,
		type: 'standard'
	});
	let n = 0;
	const exhibitor = async (
		companyZh: string,
		companyEn: string,
		status: 'approved' | 'pending' = 'approved',
		edition = conferenceId
	) => {
		n += 1;
		const [row] = await db
			.insert(t.exhibitors)
			.values({
				conferenceId: edition,
				companyZh,
				companyEn,
				creditCode: `91350100M00010${String(n).padStart(4, '0')}`,
				contactName: '王五',
				contactEmail: `expo${n}@example.cn`,
				wantedBoothType: 'standard',
				wantedSquareMetres: 18,
				language: 'zh-CN',
				status,
				secret: `s${n}`.padEnd(22, 'x'),
				consentAt: new Date()
			})
			.returning();
		return row!;
	};
	const hanwei = await exhibitor('汉威科技', 'Hanwei');
	const sensata = await exhibitor('森萨塔', 'Sensata');
	return { handle, db, t, first, second, hall, a101, hanwei, sensata, exhibitor };
}

const refusal = async (promise: Promise<unknown>) => {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(AppError);
	return error as AppError;
};

test('a booth number is unique in its edition and its area is whole square metres above zero', async () => {
	const { first, hall } = await boothWorld();
	expect(
		(
			await refusal(
				first.api.booths.createBooth({
					conferenceId: 'wsc-2024',
					hallId: hall.id,
					number: 'A-101',
					areaSquareMetres: 9,
					type: 'raw'
				})
			)
		).reason
	).toBe('booth_number_taken');
	for (const area of [0, 9.5, -3]) {
		const parsed = boothInput.safeParse({
			conferenceId: 'wsc-2024',
			hallId: hall.id,
			number: 'A-102',
			areaSquareMetres: area,
			type: 'standard'
		});
		expect(parsed.success, String(area)).toBe(false);
		expect(parsed.error?.issues[0]?.message).toBe('booth_area_whole');
	}
	// The same number in another edition is another booth.
	const other = await first.api.booths.createHall({
		conferenceId: 'wsc-2027',
		code: 'A',
		nameZh: 'A馆',
		nameEn: 'Hall A',
		sortOrder: 0
	});
	const copy = await first.api.booths.createBooth({
		conferenceId: 'wsc-2027',
		hallId: other.id,
		number: 'A-101',
		areaSquareMetres: 9,
		type: 'standard'
	});
	expect(copy.number).toBe('A-101');
});

test('assigning a held booth is refused naming the holder, and only a free booth is edited or deleted', async () => {
	const { first, second, a101, hanwei, sensata, hall } = await boothWorld();
	expect(a101.number).toBe('A-101');
	await first.api.booths.hold({ boothId: a101.id, exhibitorId: hanwei.id, kind: 'assigned' });
	const taken = await refusal(
		second.api.booths.hold({ boothId: a101.id, exhibitorId: sensata.id, kind: 'reserved' })
	);
	expect(taken.code).toBe('CONFLICT');
	expect(taken.reason).toBe('booth_taken');
	expect(taken.details).toMatchObject({
		number: 'A-101',
		holderZh: '汉威科技',
		holderEn: 'Hanwei'
	});
	const edit = {
		id: a101.id,
		hallId: hall.id,
		number: 'A-101',
		areaSquareMetres: 36,
		type: 'raw' as const
	};
	expect((await refusal(first.api.booths.updateBooth(edit))).reason).toBe('booth_not_free');
	expect((await refusal(first.api.booths.deleteBooth({ id: a101.id }))).reason).toBe(
		'booth_not_free'
	);
	const plan = await first.api.booths.plan({ conferenceId: 'wsc-2024' });
	expect(plan.booths).toEqual([
		expect.objectContaining({
			number: 'A-101',
			status: 'assigned',
			holder: { exhibitorId: hanwei.id, companyZh: '汉威科技', companyEn: 'Hanwei' }
		})
	]);
	expect(plan.halls[0]!.fill.area).toEqual({ free: 0, reserved: 0, assigned: 18 });
});

test('the database itself refuses a second standing hold on a booth', async () => {
	const { db, t, a101, hanwei, sensata, first } = await boothWorld();
	await db
		.insert(t.boothHolds)
		.values({ boothId: a101.id, exhibitorId: hanwei.id, kind: 'reserved', createdBy: first.id });
	await expect(
		db
			.insert(t.boothHolds)
			.values({ boothId: a101.id, exhibitorId: sensata.id, kind: 'assigned', createdBy: first.id })
	).rejects.toThrow();
	// A released hold is history: the booth can be held again.
	await db
		.update(t.boothHolds)
		.set({ releasedAt: new Date() })
		.where(eq(t.boothHolds.boothId, a101.id));
	await db
		.insert(t.boothHolds)
		.values({ boothId: a101.id, exhibitorId: sensata.id, kind: 'assigned', createdBy: first.id });
	const standing = await db.select().from(t.boothHolds).where(eq(t.boothHolds.boothId, a101.id));
	expect(standing).toHaveLength(2);
});

test('admins assigning the same booth at once: exactly one wins, each other is told who holds it', async () => {
	const { handle, first, second, a101, hanwei, sensata, exhibitor, db, t } = await boothWorld();
	const third = await signedInCaller(handle, 'expo-three', ['admin']);
	const fourth = await signedInCaller(handle, 'expo-four', ['admin']);
	const others = [await exhibitor('敏芯微', 'MEMSensing'), await exhibitor('歌尔', 'Goertek')];
	const contenders = [hanwei, sensata, ...others];
	const outcomes = await Promise.allSettled(
		[first, second, third, fourth].map((admin, i) =>
			admin.api.booths.hold({ boothId: a101.id, exhibitorId: contenders[i]!.id, kind: 'assigned' })
		)
	);
	expect(outcomes.map((o) => o.status).sort()).toEqual([
		'fulfilled',
		'rejected',
		'rejected',
		'rejected'
	]);
	const standing = await db.select().from(t.boothHolds).where(eq(t.boothHolds.boothId, a101.id));
	expect(standing).toHaveLength(1);
	const winner = contenders.find((c) => c.id === standing[0]!.exhibitorId)!;
	for (const outcome of outcomes) {
		if (outcome.status === 'fulfilled') continue;
		const lost = outcome.reason as AppError;
		expect(lost.reason).toBe('booth_taken');
		expect(lost.details).toMatchObject({ number: 'A-101', holderZh: winner.companyZh });
	}
});

test('only an approved exhibitor of the same edition holds a booth', async () => {
	const { first, a101, exhibitor } = await boothWorld();
	const pending = await exhibitor('待审公司', 'Pending Co', 'pending');
	const elsewhere = await exhibitor('另届公司', 'Other Co', 'approved', 'wsc-2027');
	expect(
		(
			await refusal(
				first.api.booths.hold({ boothId: a101.id, exhibitorId: pending.id, kind: 'assigned' })
			)
		).reason
	).toBe('exhibitor_not_approved');
	expect(
		(
			await refusal(
				first.api.booths.hold({ boothId: a101.id, exhibitorId: elsewhere.id, kind: 'assigned' })
			)
		).reason
	).toBe('exhibitor_not_found');
	const picker = await first.api.booths.exhibitors({ conferenceId: 'wsc-2024', search: 'hanw' });
	expect(picker.map((x) => x.companyZh)).toEqual(['汉威科技']);
});

test('a reserved booth is confirmed as assigned and then brings its badges', async () => {
	const { first, a101, hanwei, db } = await boothWorld();
	await first.api.booths.hold({ boothId: a101.id, exhibitorId: hanwei.id, kind: 'reserved' });
	expect((await passCounts(db, hanwei)).staff.quota).toBe(0);
	await first.api.booths.confirm({ boothId: a101.id });
	expect((await passCounts(db, hanwei)).staff.quota).toBe(6);
	expect((await refusal(first.api.booths.confirm({ boothId: a101.id }))).reason).toBe(
		'booth_not_reserved'
	);
});

test('a release that would leave more badges than the new quota is refused with how many to cancel', async () => {
	const { first, a101, hanwei, hall, db, t } = await boothWorld();
	const a102 = await first.api.booths.createBooth({
		conferenceId: 'wsc-2024',
		hallId: hall.id,
		number: 'A-102',
		areaSquareMetres: 9,
		type: 'standard'
	});
	await first.api.booths.hold({ boothId: a101.id, exhibitorId: hanwei.id, kind: 'assigned' });
	await first.api.booths.hold({ boothId: a102.id, exhibitorId: hanwei.id, kind: 'assigned' });
	// 27 ㎡: nine staff badges, three set-up passes; five staff badges and three passes given out.
	await seedDemoRegistrations(db);
	const people = await db
		.select({ id: t.registrations.id })
		.from(t.registrations)
		.where(
			and(eq(t.registrations.conferenceId, 'wsc-2024'), eq(t.registrations.status, 'confirmed'))
		)
		.limit(8);
	expect(people).toHaveLength(8);
	for (const [i, p] of people.entries())
		await db
			.update(t.registrations)
			.set({ exhibitorId: hanwei.id, exhibitorPass: i < 5 ? 'staff' : 'setup' })
			.where(eq(t.registrations.id, p.id));
	// Without A-102 (9 ㎡): 18 ㎡ keeps six badges and two passes: one set-up pass too many.
	const over = await refusal(first.api.booths.release({ boothId: a102.id }));
	expect(over.reason).toBe('release_leaves_too_many_passes');
	expect(over.details).toMatchObject({ number: 'A-102', staff: 0, setup: 1 });
	// Without A-101 (18 ㎡): 9 ㎡ keeps three badges and two passes.
	expect((await refusal(first.api.booths.release({ boothId: a101.id }))).details).toMatchObject({
		staff: 2,
		setup: 1
	});
	await db
		.update(t.registrations)
		.set({ status: 'cancelled' })
		.where(eq(t.registrations.id, people[7]!.id));
	expect(await first.api.booths.release({ boothId: a102.id })).toEqual({ number: 'A-102' });
	const plan = await first.api.booths.plan({ conferenceId: 'wsc-2024' });
	expect(plan.booths.map((b) => [b.number, b.status])).toEqual([
		['A-101', 'assigned'],
		['A-102', 'free']
	]);
	expect((await refusal(first.api.booths.release({ boothId: a102.id }))).reason).toBe(
		'booth_not_held'
	);
});

test('every change to halls, booths and holds is audited', async () => {
	const { first, a101, hanwei, db, t } = await boothWorld();
	await first.api.booths.hold({ boothId: a101.id, exhibitorId: hanwei.id, kind: 'assigned' });
	await first.api.booths.release({ boothId: a101.id });
	const actions = (await db.select({ action: t.auditLog.action }).from(t.auditLog)).map(
		(a) => a.action
	);
	expect(actions).toEqual(
		expect.arrayContaining(['hall_created', 'booth_created', 'booth_assigned', 'booth_released'])
	);
});

test('a hall code is unique in its edition, and only an empty hall is deleted', async () => {
	const { first, hall, a101 } = await boothWorld();
	const b = await first.api.booths.createHall({
		conferenceId: 'wsc-2024',
		code: 'B',
		nameZh: 'B馆',
		nameEn: 'Hall B',
		sortOrder: 1
	});
	const renamed = { id: b.id, code: 'a', nameZh: 'B馆', nameEn: 'Hall B', sortOrder: 1 };
	expect((await refusal(first.api.booths.updateHall(renamed))).reason).toBe('hall_code_taken');
	expect((await refusal(first.api.booths.deleteHall({ id: hall.id }))).reason).toBe(
		'hall_not_empty'
	);
	await first.api.booths.deleteBooth({ id: a101.id });
	await first.api.booths.deleteHall({ id: hall.id });
	const plan = await first.api.booths.plan({ conferenceId: 'wsc-2024' });
	expect(plan.halls.map((h) => h.code)).toEqual(['B']);
});
