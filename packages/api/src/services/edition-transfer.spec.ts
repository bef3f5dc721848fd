import { createTestDb } from '@huizhan/db/testing';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { AppError } from '../errors.ts';
import { EditionFileInvalid, exportEdition, importEdition } from './edition-transfer.ts';

const now = new Date('2026-03-01T10:00:00+08:00');
const cli = { user: null, source: 'cli', now };
let source: DbHandle;
let target: DbHandle;

beforeEach(async () => {
	source = await createTestDb();
	await seedDemo(source.db, now);
	target = await createTestDb();
});

/** A file as a person would save it: through JSON. */
const asFile = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;

const refusal = async (run: () => Promise<unknown>) => {
	try {
		await run();
	} catch (e) {
		if (e instanceof EditionFileInvalid) return e.problems;
		if (e instanceof AppError) return e.reason;
		throw e;
	}
	throw new Error('not refused');
};

const everything = async (h: DbHandle) => {
	const t = tables(h.db);
	return {
		conferences: (await h.db.select().from(t.conferences)).length,
		categories: (await h.db.select().from(t.conferenceCategories)).length,
		gates: (await h.db.select().from(t.checkpoints)).length,
		targets: (await h.db.select().from(t.targets)).length,
		keys: (await h.db.select().from(t.ticketKeys)).length,
		audit: (await h.db.select().from(t.auditLog)).length
	};
};

describe('moving an edition between installations', () => {
	test('export, import into an empty database and export again give the same file, but the id', async () => {
		const first = asFile(await exportEdition(source.db, 'wsc-2024'));
		expect(first.format).toBe('huizhan.edition/1');
		await importEdition(target.db, first, { id: 'wsc-2026' }, cli);
		const again = asFile(await exportEdition(target.db, 'wsc-2026'));
		expect(again).toEqual({
			...first,
			edition: { ...(first.edition as object), id: 'wsc-2026' }
		});
	});

	test('carries the categories that admit by invitation and need vetting (凭邀请, 安保审查)', async () => {
		const t = tables(source.db);
		await source.db
			.update(t.conferenceCategories)
			.set({ byInvitation: true, needsVetting: true })
			.where(eq(t.conferenceCategories.category, 'vip'));
		const file = asFile(await exportEdition(source.db, 'wsc-2024'));
		await importEdition(target.db, file, { id: 'wsc-2026' }, cli);
		const flags = await target.db
			.select({
				category: tables(target.db).conferenceCategories.category,
				byInvitation: tables(target.db).conferenceCategories.byInvitation,
				needsVetting: tables(target.db).conferenceCategories.needsVetting
			})
			.from(tables(target.db).conferenceCategories);
		expect(flags.filter((c) => c.byInvitation || c.needsVetting)).toEqual([
			{ category: 'vip', byInvitation: true, needsVetting: true }
		]);
	});

	test('carries the questions asked now, not the retired ones, and refuses one of a category it lacks', async () => {
		const { registrationQuestions } = tables(source.db);
		await source.db.insert(registrationQuestions).values([
			{
				conferenceId: 'wsc-2024',
				category: 'vip',
				kind: 'single',
				labelZh: '职务级别',
				labelEn: 'Rank',
				options: [
					{ key: 'minister', zh: '省部级', en: 'Minister' },
					{ key: 'director', zh: '厅局级', en: 'Director' }
				],
				required: true,
				sortOrder: 1,
				createdAt: now
			},
			{
				conferenceId: 'wsc-2024',
				category: 'vip',
				kind: 'text',
				labelZh: '旧问题',
				labelEn: 'Old question',
				createdAt: now,
				retiredAt: now
			}
		]);
		const file = asFile(await exportEdition(source.db, 'wsc-2024'));
		expect(file.questions).toEqual([
			{
				category: 'vip',
				kind: 'single',
				labelZh: '职务级别',
				labelEn: 'Rank',
				options: [
					{ key: 'minister', zh: '省部级', en: 'Minister' },
					{ key: 'director', zh: '厅局级', en: 'Director' }
				],
				required: true,
				sortOrder: 1
			}
		]);
		await importEdition(target.db, file, { id: 'wsc-2026' }, cli);
		const imported = await target.db.select().from(tables(target.db).registrationQuestions);
		expect(imported).toMatchObject([
			{ conferenceId: 'wsc-2026', category: 'vip', labelZh: '职务级别', retiredAt: null }
		]);

		const before = await everything(target);
		const withoutVip = {
			...file,
			edition: { ...(file.edition as object), id: 'wsc-2027', refPrefix: 'WSC27' },
			categories: (file.categories as { category: string }[]).filter((c) => c.category !== 'vip'),
			gates: []
		};
		expect(await refusal(() => importEdition(target.db, withoutVip, {}, cli))).toEqual([
			{ path: 'questions.0.category', code: 'category_unknown' }
		]);
		expect(await everything(target)).toEqual(before);
	});

	test('reads a file written before the two flags existed as neither set', async () => {
		const file = asFile(await exportEdition(source.db, 'wsc-2024'));
		const categories = (file.categories as Record<string, unknown>[]).map(
			({ byInvitation: _b, needsVetting: _v, ...c }) => c
		);
		await importEdition(target.db, { ...file, categories }, { id: 'wsc-2026' }, cli);
		const rows = await target.db.select().from(tables(target.db).conferenceCategories);
		expect(rows.length).toBe(categories.length);
		expect(rows.every((c) => !c.byInvitation && !c.needsVetting)).toBe(true);
	});

	test('the file carries settings, never registrations, sign-ups, tickets, keys or deals', async () => {
		const file = JSON.stringify(await exportEdition(source.db, 'wsc-2024'));
		expect(Object.keys(JSON.parse(file))).toEqual([
			'format',
			'edition',
			'categories',
			'gates',
			'targets',
			'questions',
			'sessions',
			'exhibition'
		]);
		const keys = await source.db.select().from(tables(source.db).ticketKeys);
		for (const key of keys) {
			expect(file).not.toContain(key.privateKey);
			expect(file).not.toContain(key.keyId);
		}
		expect(file).not.toMatch(/mobile|ticketSecret|investor|signedUp/);
	});

	test('an imported edition is a draft with its own new ticket key, audited as the CLI', async () => {
		await importEdition(target.db, asFile(await exportEdition(source.db, 'wsc-2024')), {}, cli);
		const t = tables(target.db);
		const [row] = await target.db
			.select()
			.from(t.conferences)
			.where(eq(t.conferences.id, 'wsc-2024'));
		expect(row?.status).toBe('draft');
		const [key] = await target.db.select().from(t.ticketKeys);
		const sourceKeys = await source.db.select().from(tables(source.db).ticketKeys);
		expect(key?.conferenceId).toBe('wsc-2024');
		expect(sourceKeys.map((k) => k.publicKey)).not.toContain(key?.publicKey);
		const [entry] = await target.db.select().from(t.auditLog);
		expect(entry).toMatchObject({
			action: 'edition_imported',
			actorLabel: 'cli',
			source: 'cli',
			subjectId: 'wsc-2024'
		});
	});

	test('refuses an id that exists and changes nothing', async () => {
		const file = asFile(await exportEdition(source.db, 'wsc-2024'));
		const before = await everything(source);
		expect(await refusal(() => importEdition(source.db, file, {}, cli))).toBe('edition_id_taken');
		expect(await everything(source)).toEqual(before);
	});

	test('refuses a ticket prefix another edition prints, unless given another with --prefix', async () => {
		const file = asFile(await exportEdition(source.db, 'wsc-2024'));
		const before = await everything(source);
		// A year no demo database holds, so only the prefix can clash.
		expect(await refusal(() => importEdition(source.db, file, { id: 'wsc-2031' }, cli))).toBe(
			'ref_prefix_taken'
		);
		expect(await everything(source)).toEqual(before);
		await importEdition(source.db, file, { id: 'wsc-2031', refPrefix: 'wsc31' }, cli);
		expect((await exportEdition(source.db, 'wsc-2031')).edition.refPrefix).toBe('WSC31');
	});

	test('names every bad field of a file and stores nothing', async () => {
		const file = asFile(await exportEdition(source.db, 'wsc-2024'));
		const edition = file.edition as Record<string, unknown>;
		const categories = file.categories as Record<string, unknown>[];
		const bad = {
			...file,
			edition: { ...edition, themeColor: 'blue', startsOn: '2026-13-01' },
			categories: [{ ...categories[0], capacity: -3 }, ...categories.slice(1)],
			targets: [
				{ metric: 'signed_amount', value: 1.5, periodStart: '2026-01-01', periodEnd: '2026-12-31' },
				{ metric: 'landed_amount', value: '10亿', periodStart: 'x', periodEnd: '2026-12-31' }
			]
		};
		const problems = await refusal(() => importEdition(target.db, bad, { id: 'Bad Id' }, cli));
		expect(problems).toEqual(
			expect.arrayContaining([
				{ path: 'edition.themeColor', code: 'color_format' },
				{ path: 'edition.startsOn', code: 'date_format' },
				{ path: 'categories.0.capacity', code: 'capacity_invalid' },
				{ path: 'targets.0.value', code: 'target_value_too_precise' },
				{ path: 'targets.1.periodStart', code: 'date_format' },
				{ path: '--id', code: 'edition_id_format' }
			])
		);
		expect(await everything(target)).toMatchObject({ conferences: 0, audit: 0, keys: 0 });
	});

	test('refuses a file of another format or version', async () => {
		const file = asFile(await exportEdition(source.db, 'wsc-2024'));
		expect(
			await refusal(() =>
				importEdition(target.db, { ...file, format: 'huizhan.edition/9' }, {}, cli)
			)
		).toEqual([{ path: 'format', code: 'format_unknown' }]);
		expect(await refusal(() => importEdition(target.db, [], {}, cli))).not.toEqual([]);
	});

	test('refuses a gate that admits a category the edition does not have', async () => {
		const file = asFile(await exportEdition(source.db, 'wsc-2024'));
		const categories = (file.categories as { category: string }[]).filter(
			(c) => c.category !== 'visitor'
		);
		const gates = [
			{
				nameZh: '观众门',
				nameEn: 'Visitors',
				allowedCategories: ['visitor'],
				entryRule: 'once_per_day',
				printBadge: false,
				active: true
			}
		];
		expect(
			await refusal(() => importEdition(target.db, { ...file, categories, gates }, {}, cli))
		).toEqual([{ path: 'gates.0.allowedCategories', code: 'category_unknown' }]);
	});

	test('an unknown edition cannot be exported', async () => {
		expect(await refusal(() => exportEdition(source.db, 'nope-2026'))).toBe('edition_not_found');
	});
});
