import { createTestDb } from '@huizhan/db/testing';
import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema, tables } from '@huizhan/db';
import { seedDemo, seedDemoRegistrations } from '@huizhan/db/seed';
import { scan, undoScan } from '../services/checkin.ts';
import { ensureTicketKeys } from '../services/tickets.ts';
import { liveSnapshot } from './index.ts';

const MORNING = new Date('2024-11-03T09:00:00+08:00');
const HOUR = 60 * 60 * 1000;

test('the live pages show each session now and next, its people against its seats, and the ranking', async () => {
	const { db, writes, close } = await createTestDb();
	try {
		await seedDemo(db, MORNING);
		await ensureTicketKeys(db, MORNING);
		await seedDemoRegistrations(db);
		const { agendaSessions, checkpoints, registrations, staffUsers } = tables(db);
		const [staff] = await db
			.insert(staffUsers)
			.values({ login: 'gate1', displayName: '检票员', passwordHash: '$argon2id$not-used-here' })
			.returning();
		const actor = {
			staffId: staff!.id,
			scanner: null,
			mayUndoAny: true,
			login: 'gate1',
			source: '10.0.0.7'
		};
		const session = async (
			titleZh: string,
			from: number,
			to: number,
			capacity: number | null,
			gates: number
		) => {
			const [row] = await db
				.insert(agendaSessions)
				.values({
					conferenceId: 'wsc-2024',
					kind: 'sub_forum',
					titleZh,
					titleEn: titleZh,
					startsAt: new Date(MORNING.getTime() + from * HOUR),
					endsAt: new Date(MORNING.getTime() + to * HOUR),
					hallZh: `${titleZh}厅`,
					hallEn: `${titleZh} hall`,
					capacity,
					signupRequired: false,
					language: 'zh'
				})
				.returning();
			const doors: (typeof schema.checkpoints.$inferSelect)[] = [];
			for (let i = 0; i < gates; i++) {
				const [gate] = await db
					.insert(checkpoints)
					.values({
						conferenceId: 'wsc-2024',
						nameZh: `${titleZh}门${i}`,
						nameEn: `${titleZh} door ${i}`,
						allowedCategories: [...schema.ATTENDEE_CATEGORIES],
						entryRule: 'once_per_day',
						sessionId: row!.id
					})
					.returning();
				doors.push(gate!);
			}
			return { session: row!, doors };
		};
		const three = await session('分论坛三', 0, 3, 4, 2);
		const five = await session('分论坛五', -1, 2, null, 1);
		const seven = await session('分论坛七', 3, 5, 10, 1);
		const eight = await session('分论坛八', 3, 4, null, 0);
		await session('分论坛九', 6, 7, null, 1);
		const crowd = (
			await db.select().from(registrations).where(eq(registrations.conferenceId, 'wsc-2024'))
		)
			.filter((r) => r.status === 'confirmed')
			.slice(0, 8);
		let n = 0;
		const admit = (gate: { id: number }, person: { id: number }) =>
			scan(
				db,
				writes,
				{
					checkpointId: gate.id,
					registrationId: person.id,
					deviceId: 'live-sessions',
					nonce: randomBytes(9).toString('base64url'),
					scannedAt: new Date(MORNING.getTime() + n++ * 1000)
				},
				actor,
				() => MORNING
			);
		// 分论坛三: four people, one through both doors (counted once), one undone → 3 of 4.
		const first = await admit(three.doors[0]!, crowd[0]!);
		await admit(three.doors[1]!, crowd[0]!);
		await admit(three.doors[0]!, crowd[1]!);
		await admit(three.doors[1]!, crowd[2]!);
		const mistaken = await admit(three.doors[0]!, crowd[3]!);
		expect([first.reason, mistaken.reason]).toEqual(['ok', 'ok']);
		await undoScan(
			db,
			writes,
			{ scanId: mistaken.scanId, note: '扫错了人', deviceId: 'live-sessions' },
			actor,
			() => MORNING
		);
		// 分论坛五: five people, no capacity.
		for (const person of crowd.slice(3, 8)) await admit(five.doors[0]!, person);
		// 分论坛七 (later): one early arrival.
		await admit(seven.doors[0]!, crowd[7]!);

		const now = new Date(MORNING.getTime() + HOUR);
		const snapshot = await liveSnapshot(db, now, { year: 2024 });
		const wsc = snapshot.sessions!.find((s) => s.conferenceId === 'wsc-2024')!;
		const brief = (s: { titleZh: string; attendance: number | null; capacity: number | null }) =>
			[s.titleZh, s.attendance, s.capacity] as const;
		expect(wsc.now.map(brief)).toEqual([
			['分论坛五', 5, null],
			['分论坛三', 3, 4]
		]);
		expect(wsc.now.find((s) => s.id === three.session.id)!.fillRate).toBe(0.75);
		// Next: both that start at 12:00; 分论坛八 has no gate, so nobody counts it.
		expect(wsc.next.map(brief).sort()).toEqual([
			['分论坛七', 1, 10],
			['分论坛八', null, null]
		]);
		expect(wsc.ranking.map((s) => [s.titleZh, s.attendance])).toEqual([
			['分论坛五', 5],
			['分论坛三', 3],
			['分论坛七', 1],
			['分论坛九', 0]
		]);
		expect(wsc.ranking.some((s) => s.id === eight.session.id)).toBe(false);
		// Another edition's sessions stay out of it.
		expect(snapshot.sessions!.every((s) => s.conferenceId !== 'wsc-2024' || s === wsc)).toBe(true);
	} finally {
		await close();
	}
});
