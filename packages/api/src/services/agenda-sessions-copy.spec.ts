import { createTestDb } from '@huizhan/db/testing';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { signedInCaller } from '../test-support.ts';
import { EditionFileInvalid, exportEdition, importEdition } from './edition-transfer.ts';

const now = () => new Date('2026-11-26T10:00:00+08:00');
const SENSOR = currentDemoEdition(now(), 'wsc');
const HALL = '测试厅 T1';

let handle: DbHandle;
beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now());
});

const admin = async () => (await signedInCaller(handle, 'root', ['admin'], { now })).api;

const forum = (day: string, overrides: Record<string, unknown> = {}) => ({
	conferenceId: SENSOR.id,
	kind: 'sub_forum' as const,
	titleZh: '智能传感器分论坛',
	titleEn: 'Smart Sensors Forum',
	trackZh: null,
	trackEn: null,
	day,
	startTime: '14:00',
	endTime: '17:30',
	hallZh: HALL,
	hallEn: 'Test Hall T1',
	capacity: 80,
	allowedCategories: ['delegate', 'vip'] as ['delegate', 'vip'],
	signupRequired: true,
	language: 'zh' as const,
	descriptionZh: '简介',
	descriptionEn: 'About',
	...overrides
});

const speaker = {
	nameZh: '张三',
	nameEn: 'Zhang San',
	titleZh: '教授',
	titleEn: 'Professor',
	organisationZh: '郑州大学',
	organisationEn: 'Zhengzhou University'
};

/** The day `days` after `day`. */
const plus = (day: string, days: number) =>
	new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe('the agenda travels with an edition', () => {
	test('a copy takes the sessions and speakers a start-date difference later, its gates follow their forum, sign-ups stay', async () => {
		const api = await admin();
		const second = await api.agenda.create(forum(plus(SENSOR.startsOn, 1)));
		await api.agenda.setSpeakers({ sessionId: second.id, speakers: [speaker] });
		const { checkpoints, sessionSignups } = tables(handle.db);
		await handle.db.insert(checkpoints).values({
			conferenceId: SENSOR.id,
			nameZh: '分论坛 · 测试厅',
			nameEn: 'Forum · Test Hall',
			allowedCategories: ['delegate', 'vip'],
			entryRule: 'once_per_day',
			sessionId: second.id
		});
		const before = (await api.agenda.list({ conferenceId: SENSOR.id })).length;

		// The next edition starts 364 days later (a Wednesday again).
		const startsOn = plus(SENSOR.startsOn, 364);
		await api.editions.create({
			id: 'wsc-next',
			nameZh: '下一届世界传感器大会',
			nameEn: 'Next World Sensors Summit',
			startsOn,
			endsOn: plus(startsOn, 2),
			venueZh: '郑州国际会展中心',
			venueEn: 'Zhengzhou International Convention and Exhibition Centre',
			themeColor: '#0b5cad',
			refPrefix: 'WSCNX',
			registrationOpensAt: `${SENSOR.startsOn}T12:00:00+08:00`,
			registrationClosesAt: `${startsOn}T00:00:00+08:00`,
			copyFrom: SENSOR.id
		});
		const copied = await api.agenda.list({ conferenceId: 'wsc-next' });
		expect(copied).toHaveLength(before);
		const forumCopy = copied.find((s) => s.hallZh === HALL);
		expect(forumCopy).toMatchObject({
			day: plus(startsOn, 1),
			startTime: '14:00',
			endTime: '17:30',
			capacity: 80,
			allowedCategories: ['delegate', 'vip'],
			signupRequired: true,
			signedUp: 0,
			speakers: [speaker],
			gates: ['分论坛 · 测试厅']
		});
		expect(forumCopy!.id).not.toBe(second.id);
		const [oldGate] = await handle.db
			.select()
			.from(checkpoints)
			.where(eq(checkpoints.conferenceId, SENSOR.id));
		expect(oldGate).toBeDefined();
		expect(
			(await handle.db.select().from(sessionSignups)).filter((s) => s.sessionId === forumCopy!.id)
		).toEqual([]);
	});

	test('the edition file carries the sessions with their speakers, and reads back the same', async () => {
		const api = await admin();
		const session = await api.agenda.create(forum(SENSOR.startsOn));
		await api.agenda.setSpeakers({ sessionId: session.id, speakers: [speaker] });
		const file = JSON.parse(JSON.stringify(await exportEdition(handle.db, SENSOR.id)));
		expect(file.sessions).toContainEqual({
			...forum(SENSOR.startsOn),
			conferenceId: undefined,
			speakers: [speaker]
		});
		const target = await createTestDb();
		const cli = { user: null, source: 'cli', now: now() };
		const imported = await importEdition(target.db, file, {}, cli);
		expect(imported.sessions).toBe(file.sessions.length);
		expect(JSON.parse(JSON.stringify(await exportEdition(target.db, SENSOR.id)))).toEqual(file);
	});

	test('a file whose sessions overlap in a hall or fall outside the edition is refused, naming the session', async () => {
		const api = await admin();
		await api.agenda.create(forum(SENSOR.startsOn));
		const file = JSON.parse(JSON.stringify(await exportEdition(handle.db, SENSOR.id)));
		const target = await createTestDb();
		const cli = { user: null, source: 'cli', now: now() };
		const mine = file.sessions.findIndex((s: { hallZh: string }) => s.hallZh === HALL);
		const problems = async (document: unknown) => {
			try {
				await importEdition(target.db, document, {}, cli);
			} catch (e) {
				if (e instanceof EditionFileInvalid) return e.problems;
				throw e;
			}
			throw new Error('not refused');
		};
		const twice = { ...file, sessions: [...file.sessions, { ...file.sessions[mine] }] };
		expect(await problems(twice)).toEqual([
			{ path: `sessions.${file.sessions.length}.startTime`, code: 'session_overlap' }
		]);
		const late = structuredClone(file);
		late.sessions[mine].day = plus(SENSOR.endsOn, 1);
		expect(await problems(late)).toEqual([
			{ path: `sessions.${mine}.day`, code: 'session_outside_edition' }
		]);
		expect(await target.db.select().from(tables(target.db).conferences)).toEqual([]);
	});
});
