import { YI, type TargetMetric, type TargetScope } from '@huizhan/ledger';
import type { AttendeeCategory, EntryRule } from '../schema/index.ts';
import { beijingDay, currentDemoEditions, type CurrentEdition } from './current-editions.ts';

/*
 * The demo's editions: 2024 as the zone's work plan describes it (docs/architecture.md, “Targets
 * and counting”), kept as closed history, and the next editions after the day the demo database
 * is created, open for registration (current-editions.ts). Everything here is ordinary data an
 * admin can edit afterwards; the seed only creates what is missing.
 */

const VENUE = {
	zh: '郑州国际会展中心',
	en: 'Zhengzhou International Convention and Exhibition Centre'
};

/** Per series: names, colour and seats, the same every year. */
const SERIES = {
	wsc: {
		nameZh: (year: number) => `${year}世界传感器大会`,
		nameEn: (year: number) => `${year} World Sensor Conference`,
		themeColor: '#0b5cad',
		/** Past WSC editions had ~300 exhibitors and 10,000+ visitors. */
		capacity: { visitor: 12_000, delegate: 800, exhibitor: 1_200, media: 150, vip: 120 },
		/** The edition's signed-amount target, in 亿元. */
		targetYi: 500
	},
	diamond: {
		nameZh: (year: number) => `${year}世界金刚石大会`,
		nameEn: (year: number) => `${year} World Diamond Conference`,
		themeColor: '#6b3fa0',
		capacity: { visitor: 4_000, delegate: 400, exhibitor: 500, media: 80, vip: 60 },
		targetYi: 200
	}
} as const satisfies Record<
	CurrentEdition['series'],
	{
		nameZh: (year: number) => string;
		nameEn: (year: number) => string;
		themeColor: string;
		capacity: Record<AttendeeCategory, number>;
		targetYi: number;
	}
>;

/** The 2024 editions as they happened, closed: their tickets and deals stay, registration does not. */
const HISTORY = [
	{
		id: 'wsc-2024',
		series: 'wsc' as const,
		refPrefix: 'WSC',
		startsOn: '2024-11-03',
		endsOn: '2024-11-05',
		registrationOpensAt: new Date('2024-08-01T00:00:00+08:00'),
		registrationClosesAt: new Date('2024-11-05T18:00:00+08:00')
	},
	{
		id: 'diamond-2024',
		series: 'diamond' as const,
		refPrefix: 'WDC',
		startsOn: '2024-09-26',
		endsOn: '2024-09-28',
		registrationOpensAt: new Date('2024-07-01T00:00:00+08:00'),
		registrationClosesAt: new Date('2024-09-28T18:00:00+08:00')
	}
];

/** The current editions for a demo created at `now` (a Beijing day). */
export const currentEditionsAt = (now: Date) => currentDemoEditions(beijingDay(now));

export const demoConferences = (now: Date) => [
	...HISTORY.map(({ series, ...edition }) => ({
		...edition,
		nameZh: SERIES[series].nameZh(2024),
		nameEn: SERIES[series].nameEn(2024),
		venueZh: VENUE.zh,
		venueEn: VENUE.en,
		status: 'closed' as const,
		themeColor: SERIES[series].themeColor
	})),
	...currentEditionsAt(now).map((edition) => ({
		id: edition.id,
		nameZh: SERIES[edition.series].nameZh(edition.year),
		nameEn: SERIES[edition.series].nameEn(edition.year),
		refPrefix: edition.refPrefix,
		startsOn: edition.startsOn,
		endsOn: edition.endsOn,
		venueZh: VENUE.zh,
		venueEn: VENUE.en,
		// From the start of the creation day to the end of the day before the conference, in Beijing.
		registrationOpensAt: new Date(`${edition.registrationOpensOn}T00:00:00+08:00`),
		registrationClosesAt: new Date(`${edition.registrationClosesOn}T23:59:59+08:00`),
		status: 'open' as const,
		themeColor: SERIES[edition.series].themeColor
	}))
];

const CATEGORY_COLORS: Record<AttendeeCategory, string> = {
	visitor: '#2e7d32',
	delegate: '#1565c0',
	exhibitor: '#ef6c00',
	media: '#6a1b9a',
	vip: '#c62828'
};

/** 2024 approved media and VIPs only; 嘉宾 (delegates) could sign up freely then. */
const APPROVAL_2024: ReadonlySet<AttendeeCategory> = new Set(['media', 'vip']);
/** From the current editions on, 嘉宾 are by approval too: not open to anyone who fills the form. */
const APPROVAL_CURRENT: ReadonlySet<AttendeeCategory> = new Set(['delegate', 'media', 'vip']);

const seriesOf = (conferenceId: string) =>
	conferenceId.startsWith('wsc-') ? SERIES.wsc : SERIES.diamond;

export const demoCategories = (now: Date) =>
	demoConferences(now).flatMap((conference) =>
		(Object.keys(CATEGORY_COLORS) as AttendeeCategory[]).map((category, index) => ({
			conferenceId: conference.id,
			category,
			capacity: seriesOf(conference.id).capacity[category],
			needsApproval: (conference.status === 'closed' ? APPROVAL_2024 : APPROVAL_CURRENT).has(
				category
			),
			color: CATEGORY_COLORS[category],
			sortOrder: index
		}))
	);

export interface DemoTarget {
	scope: TargetScope;
	conferenceId: string | null;
	metric: TargetMetric;
	value: number;
	periodStart: string;
	periodEnd: string;
}

/**
 * Each responsible unit's own signed-amount target for a calendar year: the ranking on /live
 * measures units by them. Units are numbered in `demoResponsibleUnits` order (投资促进部 is 1).
 */
const unitTargets = (year: number): DemoTarget[] =>
	(
		[
			[1, 200],
			[2, 150],
			[3, 80],
			[4, 50]
		] as const
	).map(([responsibleUnitId, yi]) => ({
		scope: 'unit' as const,
		conferenceId: null,
		responsibleUnitId,
		metric: 'signed_amount' as const,
		value: yi * YI,
		periodStart: `${year}-01-01`,
		periodEnd: `${year}-12-31`
	}));

/** The 2024 work plan's targets: history, as leadership was scored that year. */
const TARGETS_2024: DemoTarget[] = [
	{
		scope: 'conference',
		conferenceId: 'wsc-2024',
		metric: 'signed_amount',
		value: 500 * YI,
		periodStart: '2024-01-01',
		periodEnd: '2024-11-05'
	},
	{
		scope: 'conference',
		conferenceId: 'diamond-2024',
		metric: 'signed_amount',
		value: 200 * YI,
		periodStart: '2024-01-01',
		periodEnd: '2024-09-28'
	},
	{
		scope: 'year',
		conferenceId: null,
		metric: 'signed_amount',
		value: 600 * YI,
		periodStart: '2024-01-01',
		periodEnd: '2024-12-31'
	},
	{
		scope: 'year',
		conferenceId: null,
		metric: 'formal_signing_count',
		value: 10,
		periodStart: '2024-07-01',
		periodEnd: '2024-09-30'
	},
	{
		scope: 'year',
		conferenceId: null,
		metric: 'landed_100yi_count',
		value: 2,
		periodStart: '2024-01-01',
		periodEnd: '2024-12-31'
	},
	...unitTargets(2024)
];

const YEAR_TARGET_YI = 600;

/**
 * The current targets: each current edition's signed amount, and 600亿 for the calendar year of
 * the creation day and of the current editions (the dashboards follow the calendar year, and a
 * demo made in late autumn has its next editions in the next year). Append to this list for
 * more current targets.
 */
const currentTargets = (now: Date): DemoTarget[] => {
	const editions = currentEditionsAt(now);
	const createdYear = Number(beijingDay(now).slice(0, 4));
	const years = [...new Set([createdYear, ...editions.map((e) => e.year)])];
	return [
		...editions.map((edition): DemoTarget => ({
			scope: 'conference',
			conferenceId: edition.id,
			metric: 'signed_amount',
			value: SERIES[edition.series].targetYi * YI,
			// Deals signed ahead of the ceremony count for it: the period starts with the demo's year.
			periodStart: `${createdYear}-01-01`,
			periodEnd: edition.endsOn
		})),
		...years.map((year): DemoTarget => ({
			scope: 'year',
			conferenceId: null,
			metric: 'signed_amount',
			value: YEAR_TARGET_YI * YI,
			periodStart: `${year}-01-01`,
			periodEnd: `${year}-12-31`
		})),
		...years.flatMap(unitTargets)
	];
};

export const demoTargets = (now: Date): DemoTarget[] => [...TARGETS_2024, ...currentTargets(now)];

export const demoIndustryChains = [
	['智能传感器', 'Smart sensors'],
	['超硬材料', 'Superhard materials'],
	['网络安全', 'Cybersecurity'],
	['北斗及卫星应用', 'BeiDou and satellite applications'],
	['信息技术应用创新', 'IT application innovation (Xinchuang)'],
	['算力与人工智能', 'Computing power and AI'],
	['生物医药', 'Biomedicine'],
	['智能装备', 'Intelligent equipment'],
	['新材料', 'New materials'],
	['新能源', 'New energy']
].map(([nameZh, nameEn], sortOrder) => ({ nameZh: nameZh!, nameEn: nameEn!, sortOrder }));

export const demoResponsibleUnits = [
	['投资促进部', 'Investment Promotion Department'],
	['经济发展部', 'Economic Development Department'],
	['科技创新局', 'Science and Technology Innovation Bureau'],
	['企业服务局', 'Enterprise Services Bureau'],
	['自贸区郑州片区管委会高新区办公室', 'Free Trade Zone Office'],
	['产业园区运营中心', 'Industrial Park Operations Centre']
].map(([nameZh, nameEn], sortOrder) => ({ nameZh: nameZh!, nameEn: nameEn!, sortOrder }));

interface DemoCheckpoint {
	conferenceId: string;
	nameZh: string;
	nameEn: string;
	allowedCategories: AttendeeCategory[];
	entryRule: EntryRule;
	printBadge: boolean;
}

const EVERYONE: AttendeeCategory[] = ['visitor', 'delegate', 'exhibitor', 'media', 'vip'];

const CHECKPOINTS_2024: DemoCheckpoint[] = [
	{
		conferenceId: 'wsc-2024',
		nameZh: '南门主入口',
		nameEn: 'South Gate (main entrance)',
		allowedCategories: EVERYONE,
		entryRule: 'once_per_day',
		printBadge: false
	},
	{
		conferenceId: 'wsc-2024',
		nameZh: '嘉宾通道',
		nameEn: 'Guest entrance',
		allowedCategories: ['delegate', 'vip', 'media'],
		entryRule: 'once_per_day',
		printBadge: true
	},
	{
		conferenceId: 'wsc-2024',
		nameZh: '展商通道',
		nameEn: 'Exhibitor entrance',
		allowedCategories: ['exhibitor'],
		entryRule: 'once_per_day',
		printBadge: false
	},
	{
		conferenceId: 'wsc-2024',
		nameZh: '开幕式主会场',
		nameEn: 'Opening ceremony hall',
		allowedCategories: ['delegate', 'vip', 'media'],
		entryRule: 'once_per_conference',
		printBadge: false
	},
	{
		conferenceId: 'diamond-2024',
		nameZh: '北门主入口',
		nameEn: 'North Gate (main entrance)',
		allowedCategories: EVERYONE,
		entryRule: 'once_per_day',
		printBadge: false
	},
	{
		conferenceId: 'diamond-2024',
		nameZh: '嘉宾通道',
		nameEn: 'Guest entrance',
		allowedCategories: ['delegate', 'vip', 'media'],
		entryRule: 'once_per_day',
		printBadge: true
	},
	{
		conferenceId: 'diamond-2024',
		nameZh: '主论坛会场',
		nameEn: 'Main forum hall',
		allowedCategories: ['delegate', 'vip', 'media', 'exhibitor'],
		entryRule: 'once_per_conference',
		printBadge: false
	}
];

/** The 2024 gates, and the same gates copied into each current edition, as an organiser would. */
export const demoCheckpoints = (now: Date): DemoCheckpoint[] => [
	...CHECKPOINTS_2024,
	...currentEditionsAt(now).flatMap((edition) => {
		const from = HISTORY.find((h) => h.series === edition.series)!.id;
		return CHECKPOINTS_2024.filter((gate) => gate.conferenceId === from).map((gate) => ({
			...gate,
			conferenceId: edition.id
		}));
	})
];
