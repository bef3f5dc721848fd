import { createTestDb } from '@huizhan/db/testing';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { createAttendeeCaller } from '../root.ts';
import { createContextInner } from '../context.ts';
import { AppError } from '../errors.ts';
import { signedInCaller } from '../test-support.ts';
import { answerText, validateAnswers, type Question } from './questions.ts';

const question = (overrides: Partial<Question>): Question => ({
	id: 1,
	conferenceId: 'wsc-2027',
	category: 'visitor',
	kind: 'text',
	labelZh: '问题',
	labelEn: 'Question',
	options: null,
	required: false,
	sortOrder: 0,
	createdAt: new Date(0),
	retiredAt: null,
	...overrides
});

const meals = [
	{ key: 'halal', zh: '清真', en: 'Halal' },
	{ key: 'vegetarian', zh: '素食', en: 'Vegetarian' },
	{ key: 'none', zh: '无', en: 'None' }
];

describe('validateAnswers', () => {
	const questions = [
		question({ id: 1, kind: 'text', required: true }),
		question({ id: 2, kind: 'single', options: meals }),
		question({ id: 3, kind: 'multiple', options: meals }),
		question({ id: 4, kind: 'yes_no' }),
		question({ id: 5, kind: 'date' })
	];

	test('stores each kind as written down: text, an option key, keys in order, yes/no, a date', () => {
		expect(
			validateAnswers(questions, {
				q1: ' 处长 ',
				q2: 'halal',
				q3: ['none', 'halal'],
				q4: 'yes',
				q5: '2027-05-20',
				q99: 'ignored'
			})
		).toEqual({
			ok: true,
			answers: [
				{ questionId: 1, value: '处长' },
				{ questionId: 2, value: 'halal' },
				{ questionId: 3, value: '["halal","none"]' },
				{ questionId: 4, value: 'yes' },
				{ questionId: 5, value: '2027-05-20' }
			]
		});
	});

	test('names every bad answer by its field', () => {
		expect(
			validateAnswers(questions, {
				q1: '',
				q2: 'pork',
				q3: ['halal', 'pork'],
				q4: 'maybe',
				q5: '2027-02-30'
			})
		).toEqual({
			ok: false,
			fieldErrors: {
				q1: ['answer_required'],
				q2: ['answer_option_unknown'],
				q3: ['answer_option_unknown'],
				q4: ['answer_yes_no'],
				q5: ['answer_date_format']
			}
		});
		expect(validateAnswers(questions, { q1: 'x'.repeat(501) })).toMatchObject({
			fieldErrors: { q1: ['answer_too_long'] }
		});
	});

	test('optional questions left empty store nothing; a retired question is neither asked nor stored', () => {
		const retired = question({ id: 6, required: true, retiredAt: new Date(0) });
		expect(validateAnswers([...questions, retired], { q1: '科长', q6: 'late' })).toEqual({
			ok: true,
			answers: [{ questionId: 1, value: '科长' }]
		});
	});

	test('reads an answer back in either language', () => {
		expect(answerText(question({ kind: 'multiple', options: meals }), '["halal","none"]')).toBe(
			'清真、无'
		);
		expect(answerText(question({ kind: 'yes_no' }), 'no', 'en')).toBe('No');
	});
});

describe('questions of an edition', () => {
	let handle: DbHandle;
	const now = () => new Date('2026-11-26T10:00:00+08:00');
	const SENSOR = currentDemoEdition(now(), 'wsc');

	beforeEach(async () => {
		handle = await createTestDb();
		await seedDemo(handle.db, now());
	});

	const form = (answers: Record<string, string | string[]>, mobile = '13912345670') => ({
		conferenceId: SENSOR.id,
		category: 'visitor' as const,
		name: '张伟',
		organisation: '郑州大学',
		mobile,
		consent: true as const,
		answers
	});

	async function setUp() {
		const api = (await signedInCaller(handle, 'root', ['admin'], { now })).api;
		const hotel = await api.questions.create({
			conferenceId: SENSOR.id,
			category: 'visitor',
			kind: 'yes_no',
			labelZh: '是否需要住宿',
			labelEn: 'Do you need a hotel room?',
			required: true
		});
		const diet = await api.questions.create({
			conferenceId: SENSOR.id,
			category: 'visitor',
			kind: 'multiple',
			labelZh: '饮食禁忌',
			labelEn: 'Dietary needs',
			options: meals,
			sortOrder: 1
		});
		const attendee = createAttendeeCaller(createContextInner({ ...handle, now }));
		return { api, attendee, hotel, diet };
	}

	test('the form shows them and a registration stores its answers with it', async () => {
		const { attendee, hotel, diet } = await setUp();
		const page = await attendee.registration.conference({ conferenceId: SENSOR.id });
		expect(page.questions.map((q) => q.labelZh)).toEqual(['是否需要住宿', '饮食禁忌']);
		const registered = await attendee.registration.register(
			form({ [`q${hotel.id}`]: 'no', [`q${diet.id}`]: ['vegetarian'] })
		);
		if (registered.outcome !== 'registered') throw new Error('not registered');
		const { registrationAnswers } = tables(handle.db);
		const stored = await handle.db
			.select()
			.from(registrationAnswers)
			.where(eq(registrationAnswers.registrationId, registered.registrationId));
		expect(stored.map((a) => a.value).sort()).toEqual(['["vegetarian"]', 'no']);
	});

	test('a missing required answer refuses the registration and stores nothing', async () => {
		const { attendee, diet, hotel } = await setUp();
		const refusal = await attendee.registration
			.register(form({ [`q${diet.id}`]: 'caviar' }))
			.catch((e: unknown) => e);
		expect(refusal).toBeInstanceOf(AppError);
		expect((refusal as AppError).details).toEqual({
			fieldErrors: {
				[`q${hotel.id}`]: ['answer_required'],
				[`q${diet.id}`]: ['answer_option_unknown']
			}
		});
		const { registrations } = tables(handle.db);
		expect(
			await handle.db.select().from(registrations).where(eq(registrations.mobile, '+8613912345670'))
		).toEqual([]);
	});

	test('one nobody answered is deleted; one with answers is retired and asked no more', async () => {
		const { api, attendee, hotel, diet } = await setUp();
		await attendee.registration.register(form({ [`q${hotel.id}`]: 'yes' }));
		expect(await api.questions.remove({ id: diet.id })).toEqual({ removed: 'deleted' });
		expect(await api.questions.remove({ id: hotel.id })).toEqual({ removed: 'retired' });
		const listed = await api.questions.list({ conferenceId: SENSOR.id });
		expect(listed).toMatchObject([{ id: hotel.id, answers: 1 }]);
		expect(listed[0]?.retiredAt).not.toBeNull();
		// Retired, its required answer is no longer asked for.
		const later = await attendee.registration.register(form({}, '13912345671'));
		expect(later.outcome).toBe('registered');
		const actions = (await handle.db.select().from(tables(handle.db).auditLog)).map(
			(e) => e.action
		);
		expect(actions).toEqual(
			expect.arrayContaining(['question_created', 'question_deleted', 'question_retired'])
		);
	});

	test('an option someone chose cannot be removed; the wording can change', async () => {
		const { api, attendee, diet, hotel } = await setUp();
		await attendee.registration.register(
			form({ [`q${hotel.id}`]: 'yes', [`q${diet.id}`]: ['halal'] })
		);
		const edit = {
			id: diet.id,
			conferenceId: SENSOR.id,
			category: 'visitor' as const,
			kind: 'multiple' as const,
			labelZh: '饮食要求',
			labelEn: 'Dietary requirements',
			required: false
		};
		const refusal = await api.questions
			.update({ ...edit, options: meals.filter((o) => o.key !== 'halal') })
			.catch((e: unknown) => e);
		expect((refusal as AppError).reason).toBe('option_answered');
		const saved = await api.questions.update({
			...edit,
			options: meals.filter((o) => o.key !== 'none')
		});
		expect(saved.labelZh).toBe('饮食要求');
	});

	test('the desk shows the answers, filters on a question and value, and the export has a column each', async () => {
		const { api, attendee, hotel, diet } = await setUp();
		await attendee.registration.register(
			form({ [`q${hotel.id}`]: 'yes', [`q${diet.id}`]: ['halal', 'vegetarian'] })
		);
		await attendee.registration.register(form({ [`q${hotel.id}`]: 'no' }, '13912345671'));
		const halal = await api.registrations.list({
			conferenceId: SENSOR.id,
			questionId: diet.id,
			answer: 'halal'
		});
		expect(halal.rows.map((r) => r.mobile)).toEqual(['+8613912345670']);
		expect(halal.rows[0]?.answers).toEqual([
			{
				questionId: hotel.id,
				labelZh: '是否需要住宿',
				labelEn: 'Do you need a hotel room?',
				textZh: '是',
				textEn: 'Yes'
			},
			{
				questionId: diet.id,
				labelZh: '饮食禁忌',
				labelEn: 'Dietary needs',
				textZh: '清真、素食',
				textEn: 'Halal, Vegetarian'
			}
		]);
		const noHotel = await api.registrations.list({ questionId: hotel.id, answer: 'no' });
		expect(noHotel.rows.map((r) => r.mobile)).toEqual(['+8613912345671']);

		const file = await api.registrations.export({
			conferenceId: SENSOR.id,
			format: 'csv',
			questionId: hotel.id
		});
		const lines = Buffer.from(file.contentBase64, 'base64').toString('utf8').split('\r\n');
		expect(lines[0]).toMatch(/取消时间,是否需要住宿,饮食禁忌$/);
		expect(lines.find((l) => l.includes('+8613912345670'))).toMatch(/,是,清真、素食$/);
		expect(lines.find((l) => l.includes('+8613912345671'))).toMatch(/,否,$/);
	});

	test('a choice question needs two options with distinct keys', async () => {
		const api = (await signedInCaller(handle, 'root', ['admin'], { now })).api;
		const refusal = await api.questions
			.create({
				conferenceId: SENSOR.id,
				category: 'visitor',
				kind: 'single',
				labelZh: '职务级别',
				labelEn: 'Rank',
				options: [meals[0]!]
			})
			.catch((e: unknown) => e);
		expect((refusal as { code: string }).code).toBe('BAD_REQUEST');
	});
});
