import { and, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { tables } from '@huizhan/db';
import { seedDemoRegistrations } from '@huizhan/db/seed';
import { seededContext } from '../test-support.ts';
import { agendaOf, isSignedUp, sessionById, signupsOf } from './agenda.ts';

const at = (text: string) => new Date(`${text}+08:00`);

test('an agenda lists sessions in time order with their speakers in order and the sign-ups counted', async () => {
	const { db } = await seededContext();
	await seedDemoRegistrations(db);
	const t = tables(db);
	const session = (titleZh: string, startsAt: string, endsAt: string, hallZh: string) => ({
		conferenceId: 'wsc-2024',
		kind: 'sub_forum' as const,
		titleZh,
		titleEn: titleZh,
		startsAt: at(startsAt),
		endsAt: at(endsAt),
		hallZh,
		hallEn: hallZh,
		language: 'zh' as const
	});
	const [later, earlier, elsewhere] = await db
		.insert(t.agendaSessions)
		.values([
			session('分论坛二', '2024-11-03T14:00:00', '2024-11-03T17:00:00', '307'),
			session('分论坛一', '2024-11-03T09:00:00', '2024-11-03T12:00:00', '307'),
			session('金刚石论坛', '2024-11-03T09:00:00', '2024-11-03T12:00:00', '201')
		])
		.returning();
	await db.insert(t.agendaSessions).values({
		...session('其他', '2024-11-03T09:00:00', '2024-11-03T10:00:00', '1'),
		conferenceId: 'diamond-2024'
	});
	await db.insert(t.sessionSpeakers).values([
		{ sessionId: earlier!.id, position: 2, nameZh: '李四', nameEn: 'Li Si' },
		{ sessionId: earlier!.id, position: 1, nameZh: '张三', nameEn: 'Zhang San' }
	]);
	const of = (status: 'confirmed' | 'cancelled', n: number) =>
		db
			.select({ id: t.registrations.id })
			.from(t.registrations)
			.where(and(eq(t.registrations.conferenceId, 'wsc-2024'), eq(t.registrations.status, status)))
			.limit(n);
	const people = await of('confirmed', 2);
	// A cancelled registration's sign-up holds no seat: it is not counted.
	const gone = await of('cancelled', 1);
	expect(gone).toHaveLength(1);
	await db
		.insert(t.sessionSignups)
		.values([...people, ...gone].map((p) => ({ sessionId: earlier!.id, registrationId: p.id })));

	const agenda = await agendaOf(db, 'wsc-2024');
	expect(agenda.map((s) => s.titleZh)).toEqual(['金刚石论坛', '分论坛一', '分论坛二']);
	expect(agenda[1]!.speakers.map((s) => s.nameZh)).toEqual(['张三', '李四']);
	expect(agenda.map((s) => s.signedUp)).toEqual([0, 2, 0]);
	expect((await sessionById(db, later!.id))?.titleZh).toBe('分论坛二');
	expect(await sessionById(db, 999_999)).toBeNull();
	expect(await signupsOf(db, people[0]!.id)).toEqual([earlier!.id]);
	expect(await isSignedUp(db, earlier!.id, people[1]!.id)).toBe(true);
	expect(await isSignedUp(db, elsewhere!.id, people[1]!.id)).toBe(false);
});
