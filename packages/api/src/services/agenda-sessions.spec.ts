import { createTestDb } from '@huizhan/db/testing';
import { and, eq, inArray } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { createContextInner } from '../context.ts';
import { AppError } from '../errors.ts';
import { createAttendeeCaller } from '../root.ts';
import { signedInCaller } from '../test-support.ts';

const now = () => new Date('2026-11-26T10:00:00+08:00');
const SENSOR = currentDemoEdition(now(), 'wsc');
/** A hall the demo agenda does not use, so the demo's own sessions never meet these. */
const HALL = '测试厅 T1';

let handle: DbHandle;
beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now());
});

const admin = async () => (await signedInCaller(handle, 'root', ['admin'], { now })).api;

const forum = (overrides: Record<string, unknown> = {}) => ({
	conferenceId: SENSOR.id,
	kind: 'sub_forum' as const,
	titleZh: '智能传感器分论坛',
	titleEn: 'Smart Sensors Forum',
	trackZh: '智能制造',
	trackEn: 'Smart manufacturing',
	day: SENSOR.startsOn,
	startTime: '09:00',
	endTime: '12:00',
	hallZh: HALL,
	hallEn: 'Test Hall T1',
	capacity: null,
	allowedCategories: null,
	signupRequired: false,
	language: 'zh_en' as const,
	descriptionZh: '',
	descriptionEn: '',
	...overrides
});

/** The refusal a call ends in: its reason code, or the zod field codes. */
async function refusal(call: Promise<unknown>) {
	try {
		await call;
	} catch (e) {
		if (e instanceof AppError) return { reason: e.reason, details: e.details };
		const cause = (e as { cause?: { issues?: { path: unknown[]; message: string }[] } }).cause;
		if (cause?.issues) return { fields: cause.issues.map((i) => [i.path.join('.'), i.message]) };
		throw e;
	}
	throw new Error('the call was not refused');
}

describe('sessions of an edition', () => {
	test('a session is stored in Beijing time and listed with its day and clock times', async () => {
		const api = await admin();
		const created = await api.agenda.create(forum());
		expect(created.startsAt).toBe(new Date(`${SENSOR.startsOn}T01:00:00Z`).toISOString());
		expect([created.day, created.startTime, created.endTime]).toEqual([
			SENSOR.startsOn,
			'09:00',
			'12:00'
		]);
		const listed = await api.agenda.list({ conferenceId: SENSOR.id });
		expect(listed.find((s) => s.id === created.id)).toMatchObject({
			titleZh: '智能传感器分论坛',
			trackEn: 'Smart manufacturing',
			signedUp: 0,
			gates: []
		});
		const { auditLog } = tables(handle.db);
		const audit = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'session_created'));
		expect(audit.map((a) => a.subjectId)).toEqual([String(created.id)]);
	});

	test('refuses a session overlapping another in the same hall, naming it; touching ends and other halls are fine', async () => {
		const api = await admin();
		await api.agenda.create(forum());
		const clash = await refusal(
			api.agenda.create(forum({ titleZh: '冲突', startTime: '11:00', endTime: '13:00' }))
		);
		expect(clash).toMatchObject({
			reason: 'session_overlap',
			details: {
				clash: {
					titleZh: '智能传感器分论坛',
					day: SENSOR.startsOn,
					startTime: '09:00',
					endTime: '12:00'
				}
			}
		});
		const inside = await refusal(
			api.agenda.create(forum({ titleZh: '里面', startTime: '10:00', endTime: '10:30' }))
		);
		expect(inside).toMatchObject({ reason: 'session_overlap' });
		const after = await api.agenda.create(
			forum({ titleZh: '紧接着', startTime: '12:00', endTime: '13:00' })
		);
		const before = await api.agenda.create(
			forum({ titleZh: '之前', startTime: '08:00', endTime: '09:00' })
		);
		await api.agenda.create(forum({ titleZh: '别的厅', hallZh: '测试厅 T2', hallEn: 'T2' }));
		// A session does not clash with itself when it is edited.
		await api.agenda.update({
			...forum({ titleZh: '紧接着（改）' }),
			id: after.id,
			...slot(after)
		});
		const moved = await refusal(
			api.agenda.update({ ...forum(), id: before.id, startTime: '08:00', endTime: '09:30' })
		);
		expect(moved).toMatchObject({ reason: 'session_overlap' });
		const titles = (await api.agenda.list({ conferenceId: SENSOR.id }))
			.filter((s) => s.hallZh === HALL)
			.map((s) => s.titleZh);
		expect(titles).toEqual(['之前', '智能传感器分论坛', '紧接着（改）']);
	});

	test('two sessions created at once in the same hall and time cannot both be stored', async () => {
		const one = await admin();
		const two = (await signedInCaller(handle, 'second', ['admin'], { now })).api;
		const results = await Promise.allSettled([
			one.agenda.create(forum({ titleZh: '甲' })),
			two.agenda.create(forum({ titleZh: '乙', startTime: '10:00', endTime: '11:00' }))
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		const failed = results.find((r) => r.status === 'rejected');
		expect((failed as PromiseRejectedResult).reason).toMatchObject({ reason: 'session_overlap' });
		const inHall = (await one.agenda.list({ conferenceId: SENSOR.id })).filter(
			(s) => s.hallZh === HALL
		);
		expect(inHall).toHaveLength(1);
	});

	test('refuses bad input field by field and stores nothing', async () => {
		const api = await admin();
		expect(
			await refusal(api.agenda.create(forum({ startTime: '12:00', endTime: '12:00' })))
		).toEqual({ fields: [['endTime', 'session_time_order']] });
		expect(
			await refusal(api.agenda.create(forum({ titleZh: ' ', capacity: 0, startTime: '9:5' })))
		).toEqual({
			fields: [
				['titleZh', 'required'],
				['startTime', 'time_format'],
				['capacity', 'session_capacity_invalid']
			]
		});
		expect(await refusal(api.agenda.create(forum({ allowedCategories: [] })))).toEqual({
			fields: [['allowedCategories', 'session_categories_required']]
		});
		expect(
			await refusal(api.agenda.create(forum({ day: SENSOR.endsOn.replace(/\d\d$/, '28') })))
		).toMatchObject({ reason: 'session_outside_edition', details: { field: 'day' } });
		const { conferenceCategories: c } = tables(handle.db);
		await handle.db
			.delete(c)
			.where(and(eq(c.conferenceId, SENSOR.id), inArray(c.category, ['media', 'vip'])));
		expect(
			await refusal(api.agenda.create(forum({ allowedCategories: ['media', 'vip'] })))
		).toMatchObject({ reason: 'category_not_offered', details: { field: 'allowedCategories' } });
		expect(
			(await api.agenda.list({ conferenceId: SENSOR.id })).filter((s) => s.hallZh === HALL)
		).toEqual([]);
	});

	test('a closed edition’s agenda is history and refuses changes', async () => {
		const api = await admin();
		expect(
			await refusal(api.agenda.create(forum({ conferenceId: 'wsc-2024', day: '2024-11-03' })))
		).toMatchObject({ reason: 'agenda_edition_closed' });
	});

	test('the capacity cannot fall below the sign-ups taken, and a delete with sign-ups needs their number confirmed', async () => {
		const api = await admin();
		const session = await api.agenda.create(forum({ capacity: 5, signupRequired: true }));
		const attendee = createAttendeeCaller(createContextInner({ ...handle, now }));
		const ids: number[] = [];
		for (const mobile of ['13912345670', '13912345671']) {
			const registered = await attendee.registration.register({
				conferenceId: SENSOR.id,
				category: 'visitor',
				name: '张伟',
				organisation: '郑州大学',
				mobile,
				consent: true,
				answers: {}
			});
			if (registered.outcome !== 'registered') throw new Error('not registered');
			ids.push(registered.registrationId);
		}
		await handle.db
			.insert(tables(handle.db).sessionSignups)
			.values(ids.map((registrationId) => ({ sessionId: session.id, registrationId })));

		expect(
			await refusal(api.agenda.update({ ...forum({ capacity: 1 }), id: session.id }))
		).toMatchObject({
			reason: 'session_capacity_below_signups',
			details: { field: 'capacity', signedUp: 2 }
		});
		expect((await api.agenda.update({ ...forum({ capacity: 2 }), id: session.id })).capacity).toBe(
			2
		);
		expect(await refusal(api.agenda.delete({ id: session.id }))).toMatchObject({
			reason: 'session_has_signups',
			details: { signedUp: 2 }
		});
		expect(await refusal(api.agenda.delete({ id: session.id, confirmSignups: 1 }))).toMatchObject({
			reason: 'session_has_signups'
		});
		expect(await api.agenda.delete({ id: session.id, confirmSignups: 2 })).toEqual({
			deleted: session.id,
			signupsCancelled: 2
		});
		expect(await handle.db.select().from(tables(handle.db).sessionSignups)).toEqual([]);
	});

	test('a session a gate belongs to cannot be deleted', async () => {
		const api = await admin();
		const session = await api.agenda.create(forum());
		const { checkpoints } = tables(handle.db);
		await handle.db.insert(checkpoints).values({
			conferenceId: SENSOR.id,
			nameZh: '分论坛一 · 307会议室',
			nameEn: 'Forum 1 · Room 307',
			allowedCategories: ['visitor'],
			entryRule: 'once_per_day',
			sessionId: session.id
		});
		expect(await refusal(api.agenda.delete({ id: session.id }))).toMatchObject({
			reason: 'session_has_gate',
			details: { gates: [{ nameZh: '分论坛一 · 307会议室' }] }
		});
		expect(
			(await api.agenda.list({ conferenceId: SENSOR.id })).find((s) => s.id === session.id)
		).toMatchObject({ gates: ['分论坛一 · 307会议室'] });
	});

	test('speakers are set in order, edited, reordered and removed as one list', async () => {
		const api = await admin();
		const session = await api.agenda.create(forum());
		const speaker = (nameZh: string, nameEn: string) => ({
			nameZh,
			nameEn,
			titleZh: '教授',
			titleEn: 'Professor',
			organisationZh: '郑州大学',
			organisationEn: 'Zhengzhou University'
		});
		const set = await api.agenda.setSpeakers({
			sessionId: session.id,
			speakers: [speaker('张三', 'Zhang San'), speaker('李四', 'Li Si')]
		});
		expect(set.speakers.map((s) => s.nameEn)).toEqual(['Zhang San', 'Li Si']);
		const reordered = await api.agenda.setSpeakers({
			sessionId: session.id,
			speakers: [speaker('李四', 'Li Si'), speaker('王五', 'Wang Wu')]
		});
		expect(reordered.speakers.map((s) => s.nameZh)).toEqual(['李四', '王五']);
		expect(
			await refusal(api.agenda.setSpeakers({ sessionId: session.id, speakers: [speaker('', 'x')] }))
		).toEqual({ fields: [['speakers.0.nameZh', 'required']] });
		await api.agenda.setSpeakers({ sessionId: session.id, speakers: [] });
		expect(
			(await api.agenda.list({ conferenceId: SENSOR.id })).find((s) => s.id === session.id)
				?.speakers
		).toEqual([]);
	});

	test('the public agenda shows seats left, and a draft edition’s agenda is not found', async () => {
		const api = await admin();
		const session = await api.agenda.create(forum({ capacity: 30 }));
		const attendee = createAttendeeCaller(createContextInner({ ...handle, now }));
		const shown = await attendee.agenda.session({
			conferenceId: SENSOR.id,
			sessionId: session.id
		});
		expect(shown).toMatchObject({ titleZh: '智能传感器分论坛', seatsLeft: 30 });
		expect(shown).not.toHaveProperty('signedUp');
		expect(
			await refusal(
				attendee.agenda.session({ conferenceId: 'diamond-2024', sessionId: session.id })
			)
		).toMatchObject({ reason: 'session_not_found' });
		await handle.db
			.update(tables(handle.db).conferences)
			.set({ status: 'draft' })
			.where(eq(tables(handle.db).conferences.id, SENSOR.id));
		expect(await refusal(attendee.agenda.sessions({ conferenceId: SENSOR.id }))).toMatchObject({
			reason: 'conference_not_found'
		});
	});
});

const slot = (s: { day: string; startTime: string; endTime: string }) => ({
	day: s.day,
	startTime: s.startTime,
	endTime: s.endTime
});
