import { YI } from '@huizhan/ledger';
import type { AttendeeCategory, EntryRule } from '../schema/index.ts';

/*
 * The 2024 editions as the zone's work plan describes them (docs/architecture.md, “Targets and counting”). Everything here is
 * ordinary data an admin can edit afterwards; the seed only creates what is missing.
 */

const VENUE = {
	zh: '郑州国际会展中心',
	en: 'Zhengzhou International Convention and Exhibition Centre'
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The demo replays the 2024 editions, but people trying it must be able to register: when the
 * real registration window is over, the demo keeps registration open for half a year from the
 * day the demo database is created. Real conferences are set up by an admin, never seeded.
 */
const demoWindowEnd = (realEnd: string, now: Date) =>
	new Date(Math.max(Date.parse(realEnd), now.getTime() + 180 * DAY_MS));

export const demoConferences = (now: Date) => [
	{
		id: 'wsc-2024',
		nameZh: '2024世界传感器大会',
		nameEn: '2024 World Sensor Conference',
		refPrefix: 'WSC',
		startsOn: '2024-11-03',
		endsOn: '2024-11-05',
		venueZh: VENUE.zh,
		venueEn: VENUE.en,
		registrationOpensAt: new Date('2024-08-01T00:00:00+08:00'),
		registrationClosesAt: demoWindowEnd('2024-11-05T18:00:00+08:00', now),
		status: 'open' as const,
		themeColor: '#0b5cad'
	},
	{
		id: 'diamond-2024',
		nameZh: '2024世界金刚石大会',
		nameEn: '2024 World Diamond Conference',
		refPrefix: 'WDC',
		startsOn: '2024-09-26',
		endsOn: '2024-09-28',
		venueZh: VENUE.zh,
		venueEn: VENUE.en,
		registrationOpensAt: new Date('2024-07-01T00:00:00+08:00'),
		registrationClosesAt: demoWindowEnd('2024-09-28T18:00:00+08:00', now),
		status: 'open' as const,
		themeColor: '#6b3fa0'
	}
];

const CATEGORY_COLORS: Record<AttendeeCategory, string> = {
	visitor: '#2e7d32',
	delegate: '#1565c0',
	exhibitor: '#ef6c00',
	media: '#6a1b9a',
	vip: '#c62828'
};

/** Seats per category; past WSC editions had ~300 exhibitors and 10,000+ visitors. */
const CAPACITY: Record<string, Record<AttendeeCategory, number>> = {
	'wsc-2024': { visitor: 12_000, delegate: 800, exhibitor: 1_200, media: 150, vip: 120 },
	'diamond-2024': { visitor: 4_000, delegate: 400, exhibitor: 500, media: 80, vip: 60 }
};

const APPROVAL: ReadonlySet<AttendeeCategory> = new Set(['media', 'vip']);

export const demoCategories = demoConferences(new Date(0)).flatMap((conference) =>
	(Object.keys(CATEGORY_COLORS) as AttendeeCategory[]).map((category, index) => ({
		conferenceId: conference.id,
		category,
		capacity: CAPACITY[conference.id]?.[category] ?? null,
		needsApproval: APPROVAL.has(category),
		color: CATEGORY_COLORS[category],
		sortOrder: index
	}))
);

export const demoTargets = [
	{
		scope: 'conference' as const,
		conferenceId: 'wsc-2024',
		metric: 'signed_amount' as const,
		value: 500 * YI,
		periodStart: '2024-01-01',
		periodEnd: '2024-11-05'
	},
	{
		scope: 'conference' as const,
		conferenceId: 'diamond-2024',
		metric: 'signed_amount' as const,
		value: 200 * YI,
		periodStart: '2024-01-01',
		periodEnd: '2024-09-28'
	},
	{
		scope: 'year' as const,
		conferenceId: null,
		metric: 'signed_amount' as const,
		value: 600 * YI,
		periodStart: '2024-01-01',
		periodEnd: '2024-12-31'
	},
	{
		scope: 'year' as const,
		conferenceId: null,
		metric: 'formal_signing_count' as const,
		value: 10,
		periodStart: '2024-07-01',
		periodEnd: '2024-09-30'
	},
	{
		scope: 'year' as const,
		conferenceId: null,
		metric: 'landed_100yi_count' as const,
		value: 2,
		periodStart: '2024-01-01',
		periodEnd: '2024-12-31'
	},
	// Each responsible unit's own signed-amount target: the ranking on /live measures units by
	// them. Units are numbered in `demoResponsibleUnits` order (投资促进部 is 1).
	...(
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
		periodStart: '2024-01-01',
		periodEnd: '2024-12-31'
	}))
];

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

export const demoCheckpoints: DemoCheckpoint[] = [
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
