import { performance } from 'node:perf_hooks';
import { createDb, tables, type Db } from '@huizhan/db';
import { live } from '@huizhan/api';
import { creditCodeCheckCharacter } from '@huizhan/ledger';
import { progress, round, type Figure } from './lib/report.ts';
import { createScratchDatabase, createScratchPostgres, type DatabaseAt } from './lib/scratch.ts';
import type { BenchSettings } from './settings.ts';

/*
 * What the exhibition adds to the live snapshot (live/exhibition.ts): the snapshot is rebuilt at
 * least once a minute and on every other change, so its cost matters. An exhibition the size of
 * the largest past editions — 300 approved exhibitors, 400 booths with 300 assigned, 20,000
 * leads scanned on the show day — and the snapshot built with and without it, on SQLite and on
 * PostgreSQL.
 */

const EXHIBITORS = 300;
const BOOTHS = 400;
const LEADS = 20_000;
const WARM_UP_RUNS = 3;
const TIMED_RUNS = 20;
const CONFERENCE = 'wsc-2024';
const MORNING = new Date('2024-11-03T09:00:00+08:00');
const HOUR = 60 * 60 * 1000;

const person = (n: number, exhibitorId: number | null) => ({
	conferenceId: CONFERENCE,
	category: exhibitorId ? ('exhibitor' as const) : ('visitor' as const),
	name: `访客${n}`,
	organisation: '郑州大学',
	title: '',
	mobile: `+86138${String(n).padStart(8, '0')}`,
	country: 'CN',
	language: 'zh-CN' as const,
	consentAt: MORNING,
	status: 'confirmed' as const,
	reference: `WSC-E${String(n).padStart(5, '0')}`,
	ticketSecret: `bench-exhibition-${n}`,
	exhibitorId,
	exhibitorPass: exhibitorId ? ('staff' as const) : null
});

async function seedExhibition(db: Db): Promise<void> {
	const t = tables(db);
	const [admin] = await db
		.insert(t.staffUsers)
		.values({ login: 'bench-expo', displayName: '展务', passwordHash: '$argon2id$not-used-here' })
		.returning({ id: t.staffUsers.id });
	const [hall] = await db
		.insert(t.exhibitionHalls)
		.values({ conferenceId: CONFERENCE, code: 'A', nameZh: 'A馆', nameEn: 'Hall A' })
		.returning();
	const booths: number[] = [];
	for (let start = 0; start < BOOTHS; start += 200) {
		const batch = await db
			.insert(t.booths)
			.values(
				Array.from({ length: 200 }, (_, k) => ({
					conferenceId: CONFERENCE,
					hallId: hall!.id,
					number: `A-${1000 + start + k}`,
					areaSquareMetres: (start + k) % 10 === 0 ? 72 : 9,
					type: (start + k) % 10 === 0 ? ('raw' as const) : ('standard' as const)
				}))
			)
			.returning({ id: t.booths.id });
		booths.push(...batch.map((b) => b.id));
	}
	const exhibitors: number[] = [];
	for (let n = 0; n < EXHIBITORS; n++) {
		const first17 = `91410100MA${String(n).padStart(7, '0')}`;
		const [row] = await db
			.insert(t.exhibitors)
			.values({
				conferenceId: CONFERENCE,
				companyZh: `传感企业${n}`,
				companyEn: `Sensor Maker ${n}`,
				creditCode: first17 + creditCodeCheckCharacter(first17),
				contactName: '联系人',
				contactMobile: '+8613700137000',
				wantedBoothType: 'standard',
				wantedSquareMetres: 9,
				language: 'zh-CN',
				status: 'approved',
				secret: `bench-exhibitor-${n}`,
				consentAt: MORNING
			})
			.returning({ id: t.exhibitors.id });
		exhibitors.push(row!.id);
	}
	await db.insert(t.boothHolds).values(
		exhibitors.map((exhibitorId, k) => ({
			boothId: booths[k]!,
			exhibitorId,
			kind: 'assigned' as const,
			createdBy: admin!.id
		}))
	);
	const staff = await db
		.insert(t.registrations)
		.values(exhibitors.map((id, k) => person(k, id)))
		.returning({ id: t.registrations.id });
	const visitorsNeeded = Math.ceil(LEADS / EXHIBITORS);
	const visitors = await db
		.insert(t.registrations)
		.values(Array.from({ length: visitorsNeeded }, (_, k) => person(EXHIBITORS + k, null)))
		.returning({ id: t.registrations.id });
	for (let start = 0; start < LEADS; start += 500) {
		await db.insert(t.exhibitorLeads).values(
			Array.from({ length: Math.min(500, LEADS - start) }, (_, i) => {
				const k = start + i;
				return {
					exhibitorId: exhibitors[k % EXHIBITORS]!,
					registrationId: visitors[Math.floor(k / EXHIBITORS)]!.id,
					scannedBy: staff[k % EXHIBITORS]!.id,
					nonce: `n${k}`,
					scannedAt: new Date(MORNING.getTime() + (k % 8) * HOUR)
				};
			})
		);
	}
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function timed(label: string, run: () => Promise<unknown>, signal: AbortSignal) {
	for (let i = 0; i < WARM_UP_RUNS; i++) await run();
	const times: number[] = [];
	for (let i = 0; i < TIMED_RUNS; i++) {
		signal.throwIfAborted();
		const started = performance.now();
		await run();
		times.push(performance.now() - started);
	}
	progress(`${label}: median ${median(times).toFixed(2)} ms over ${TIMED_RUNS} runs`);
	return median(times);
}

async function measure(at: DatabaseAt, dialect: string, signal: AbortSignal): Promise<Figure[]> {
	const { db, close } = await createDb({ ...at, migrate: false });
	try {
		progress(`${dialect}: ${EXHIBITORS} exhibitors, ${BOOTHS} booths, ${LEADS} leads today`);
		await seedExhibition(db);
		const now = new Date(MORNING.getTime() + 9 * HOUR);
		const check = await live.liveSnapshot(db, now, { year: 2024 });
		const figures = check.exhibition?.find((x) => x.conferenceId === CONFERENCE);
		// The figures must be right before their time means anything.
		if (figures?.leadsToday !== LEADS || figures.boothsAssigned !== EXHIBITORS)
			throw new Error(`the exhibition counts ${JSON.stringify(figures)}`);
		const without = await timed(
			`${dialect} snapshot without the exhibition`,
			() => live.liveSnapshot(db, now, { year: 2024, exhibition: false }),
			signal
		);
		const withExhibition = await timed(
			`${dialect} snapshot with the exhibition`,
			() => live.liveSnapshot(db, now, { year: 2024 }),
			signal
		);
		// On a busy machine the two snapshots' difference drowns in noise: the part itself, alone.
		const part = await timed(
			`${dialect} the exhibition's figures alone`,
			() => live.exhibitionFigures(db, [CONFERENCE, 'diamond-2024'], '2024-11-03'),
			signal
		);
		return [
			{
				bench: `live_exhibition_figures_${dialect}`,
				value: round(part, 2),
				unit: 'ms',
				baseline: null
			},
			{
				bench: `live_snapshot_exhibition_${dialect}`,
				value: round(withExhibition, 2),
				unit: 'ms',
				baseline: round(without, 2)
			}
		];
	} finally {
		await close();
	}
}

export async function liveExhibitionSnapshot(settings: BenchSettings): Promise<Figure[]> {
	const figures: Figure[] = [];
	const sqlite = await createScratchDatabase();
	try {
		figures.push(...(await measure({ path: sqlite.databasePath }, 'sqlite', settings.signal)));
	} finally {
		await sqlite.remove();
	}
	const postgres = await createScratchPostgres();
	try {
		figures.push(...(await measure({ url: postgres.url }, 'pg', settings.signal)));
	} finally {
		await postgres.remove();
	}
	return figures;
}
