import { randomBytes } from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import { creditCodeCheckCharacter, type BoothType } from '@huizhan/ledger';
import type { Db } from '../types.ts';
import { assertDemoDatabase } from '../installation.ts';
import { tables } from '../tables.ts';
import { currentDemoEditions, beijingDay, type DemoSeries } from './current-editions.ts';

/*
 * The demo exhibition of the current editions: rules (applications open, the two set-up days
 * before the show), halls A/B/C with 60 booths each, and 64 companies (38 and 26) — sensor
 * makers at the sensor conference, diamond and superhard-material makers at the diamond one —
 * most approved on assigned booths, a few with a reservation or none yet, two applications
 * pending. No registrations: exhibitor staff and leads are left to the people trying the demo.
 * The names are made up; the credit codes are well-formed (their check character computed).
 */

interface DemoCompany {
	zh: string;
	en: string;
	productsZh: string;
	productsEn: string;
}

const CITIES = [
	['郑州', 'Zhengzhou', '410100'],
	['洛阳', 'Luoyang', '410300'],
	['新乡', 'Xinxiang', '410700'],
	['许昌', 'Xuchang', '411000'],
	['深圳', 'Shenzhen', '440300'],
	['苏州', 'Suzhou', '320500'],
	['无锡', 'Wuxi', '320200'],
	['合肥', 'Hefei', '340100']
] as const;

const SENSOR_MAKERS = [
	['智感', 'Zhigan', '气体传感器、可燃气体报警器', 'Gas sensors, combustible gas alarms'],
	['芯测', 'Xince', 'MEMS压力传感器', 'MEMS pressure sensors'],
	['华传', 'Huachuan', '温湿度传感器模组', 'Temperature and humidity modules'],
	['微纳', 'Weina', 'MEMS麦克风、惯性传感器', 'MEMS microphones, inertial sensors'],
	['精测', 'Jingce', '高精度称重传感器', 'Precision load cells'],
	['光感', 'Guanggan', '红外热释电传感器', 'Pyroelectric infrared sensors'],
	['声联', 'Shenglian', '超声波流量计', 'Ultrasonic flow meters'],
	['航感', 'Hanggan', '航空压力与位移传感器', 'Aviation pressure and displacement sensors'],
	['睿视', 'Ruishi', '图像传感器与机器视觉', 'Image sensors and machine vision'],
	['中磁', 'Zhongci', '磁阻与霍尔传感器', 'Magnetoresistive and Hall sensors'],
	['安测', 'Ance', '矿用安全监测传感器', 'Mine safety monitoring sensors'],
	['汇能', 'Huineng', '电流与电能计量传感器', 'Current and energy metering sensors'],
	['康感', 'Kanggan', '医用生物传感器', 'Medical biosensors'],
	['智农', 'Zhinong', '土壤墒情与农业物联网传感器', 'Soil moisture and agricultural IoT sensors'],
	['车联', 'Chelian', '汽车毫米波雷达', 'Automotive millimetre-wave radar']
] as const;

const SENSOR_FORMS = [
	['传感技术有限公司', 'Sensing Technology Co., Ltd.'],
	['科技股份有限公司', 'Technology Co., Ltd.']
] as const;

const DIAMOND_MAKERS = [
	[
		'华晶',
		'Huajing',
		'人造金刚石单晶、微粉',
		'Synthetic diamond single crystals and micron powder'
	],
	['黄河钻', 'Huanghezuan', '培育钻石毛坯', 'Lab-grown rough diamonds'],
	['中南超硬', 'Zhongnan Superhard', '立方氮化硼', 'Cubic boron nitride'],
	['力量钻', 'Liliangzuan', 'CVD金刚石', 'CVD diamond'],
	['精锐', 'Jingrui', '金刚石线锯', 'Diamond wire saws'],
	['三磨', 'Sanmo', '超硬材料磨具', 'Superhard abrasive tools'],
	['新亚', 'Xinya', '聚晶金刚石复合片', 'Polycrystalline diamond compacts'],
	['恒星', 'Hengxing', '金刚石散热片', 'Diamond heat spreaders'],
	['钻石光学', 'Diamond Optics', '金刚石光学窗口', 'Diamond optical windows'],
	['六面顶', 'Liumianding', '六面顶压机', 'Cubic presses']
] as const;

const DIAMOND_FORMS = [
	['超硬材料有限公司', 'Superhard Materials Co., Ltd.'],
	['金刚石股份有限公司', 'Diamond Co., Ltd.']
] as const;

function companiesOf(series: DemoSeries): DemoCompany[] {
	const [makers, forms, count] =
		series === 'wsc' ? [SENSOR_MAKERS, SENSOR_FORMS, 38] : [DIAMOND_MAKERS, DIAMOND_FORMS, 26];
	return Array.from({ length: count }, (_, i) => {
		const [zh, en, productsZh, productsEn] = makers[i % makers.length]!;
		const [formZh, formEn] = forms[Math.floor(i / makers.length) % forms.length]!;
		const [cityZh, cityEn] = CITIES[(i * 3) % CITIES.length]!;
		return {
			zh: `${cityZh}${zh}${formZh}`,
			en: `${cityEn} ${en} ${formEn}`,
			productsZh,
			productsEn
		};
	});
}

/** A well-formed credit code (统一社会信用代码) for the n-th demo company of a city. */
function demoCreditCode(division: string, n: number): string {
	const first17 = `91${division}MA${String(n).padStart(7, '0')}`;
	return first17 + creditCodeCheckCharacter(first17);
}

interface DemoBooth {
	hall: 'A' | 'B' | 'C';
	number: string;
	area: number;
	type: BoothType;
}

/**
 * 24 standard 9 ㎡ booths in A, 24 standard 18 ㎡ in B, 12 raw spaces of 36–200 ㎡ in C, numbered
 * `A01`…: a number such as `A-101` is left free for an organiser (and a journey) to create.
 */
export const DEMO_BOOTHS: readonly DemoBooth[] = [
	...Array.from({ length: 24 }, (_, i) => ({
		hall: 'A' as const,
		number: `A${String(i + 1).padStart(2, '0')}`,
		area: 9,
		type: 'standard' as const
	})),
	...Array.from({ length: 24 }, (_, i) => ({
		hall: 'B' as const,
		number: `B${String(i + 1).padStart(2, '0')}`,
		area: 18,
		type: 'standard' as const
	})),
	...[36, 36, 54, 54, 72, 72, 100, 100, 120, 150, 180, 200].map((area, i) => ({
		hall: 'C' as const,
		number: `C${String(i + 1).padStart(2, '0')}`,
		area,
		type: 'raw' as const
	}))
];

const HALLS = [
	{ code: 'A', nameZh: 'A馆', nameEn: 'Hall A', sortOrder: 0 },
	{ code: 'B', nameZh: 'B馆', nameEn: 'Hall B', sortOrder: 1 },
	{ code: 'C', nameZh: 'C馆', nameEn: 'Hall C', sortOrder: 2 }
];

const DAY_MS = 24 * 60 * 60 * 1000;
const daysBefore = (isoDate: string, days: number) =>
	new Date(Date.parse(`${isoDate}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

/**
 * Creates the current editions' demo exhibition where an edition has none (no halls), after the
 * demo staff: a booth hold names the admin who made it. Returns the exhibitors created.
 */
export async function seedDemoExhibition(db: Db, now: Date = new Date()): Promise<number> {
	return db.transaction(async (tx) => {
		await assertDemoDatabase(tx, 'demo data');
		const t = tables(tx);
		const [admin] = await tx
			.select({ id: t.staffUsers.id })
			.from(t.staffUsers)
			.innerJoin(t.staffUserRoles, eq(t.staffUserRoles.userId, t.staffUsers.id))
			.where(eq(t.staffUserRoles.role, 'admin'))
			.orderBy(asc(t.staffUsers.id))
			.limit(1);
		if (!admin) return 0;
		const chains = await tx
			.select()
			.from(t.industryChains)
			.where(inArray(t.industryChains.nameZh, ['智能传感器', '超硬材料']));
		const chainOf = (series: DemoSeries) =>
			chains.find((c) => c.nameZh === (series === 'wsc' ? '智能传感器' : '超硬材料'))?.id ?? null;
		let created = 0;
		for (const [e, edition] of currentDemoEditions(beijingDay(now)).entries()) {
			const [conference] = await tx
				.select({ id: t.conferences.id })
				.from(t.conferences)
				.where(eq(t.conferences.id, edition.id));
			const [hasHalls] = await tx
				.select({ id: t.exhibitionHalls.id })
				.from(t.exhibitionHalls)
				.where(eq(t.exhibitionHalls.conferenceId, edition.id))
				.limit(1);
			if (!conference || hasHalls) continue;
			await tx
				.insert(t.exhibitionRules)
				.values({
					conferenceId: edition.id,
					applicationsOpen: true,
					setupStartsOn: daysBefore(edition.startsOn, 2),
					setupEndsOn: daysBefore(edition.startsOn, 1),
					updatedAt: now
				})
				.onConflictDoNothing();
			const halls = await tx
				.insert(t.exhibitionHalls)
				.values(HALLS.map((h) => ({ ...h, conferenceId: edition.id })))
				.returning();
			const booths = await tx
				.insert(t.booths)
				.values(
					DEMO_BOOTHS.map((b) => ({
						conferenceId: edition.id,
						hallId: halls.find((h) => h.code === b.hall)!.id,
						number: b.number,
						areaSquareMetres: b.area,
						type: b.type
					}))
				)
				.returning();
			const companies = companiesOf(edition.series);
			const inHall = (code: DemoBooth['hall']) => {
				const hallId = halls.find((h) => h.code === code)!.id;
				return booths.filter((b) => b.hallId === hallId);
			};
			const free = { A: inHall('A'), B: inHall('B'), C: inHall('C') };
			// The last two companies are still applying; the rest are approved.
			for (const [i, company] of companies.entries()) {
				const pending = i >= companies.length - 2;
				const city = CITIES[(i * 3) % CITIES.length]!;
				// Spread over the halls: A and B in turn, and a raw space in C for every fifth company.
				const hall = i % 5 === 4 ? 'C' : i % 2 === 0 ? 'A' : 'B';
				const booth = pending ? undefined : free[hall].shift();
				const [exhibitor] = await tx
					.insert(t.exhibitors)
					.values({
						conferenceId: edition.id,
						companyZh: company.zh,
						companyEn: company.en,
						creditCode: demoCreditCode(city[2], e * 1000 + i + 1),
						contactName: '展务联系人',
						contactMobile: `+86137${String(e * 1000 + i + 1).padStart(8, '0')}`,
						industryChainId: chainOf(edition.series),
						productsZh: company.productsZh,
						productsEn: company.productsEn,
						wantedBoothType: booth?.type ?? 'standard',
						wantedSquareMetres: booth?.areaSquareMetres ?? 18,
						introZh: `${company.zh}专注于${company.productsZh}的研发与制造。`,
						introEn: `${company.en} designs and makes ${company.productsEn.toLowerCase()}.`,
						language: 'zh-CN',
						status: pending ? 'pending' : 'approved',
						decidedAt: pending ? null : now,
						decidedBy: pending ? null : admin.id,
						secret: randomBytes(16).toString('base64url'),
						consentAt: now,
						updatedAt: now
					})
					.returning({ id: t.exhibitors.id });
				created += 1;
				// Every seventh approved company has only a reservation, every eleventh no booth yet.
				if (!booth || i % 11 === 10) continue;
				await tx.insert(t.boothHolds).values({
					boothId: booth.id,
					exhibitorId: exhibitor!.id,
					kind: i % 7 === 6 ? 'reserved' : 'assigned',
					createdBy: admin.id
				});
			}
		}
		return created;
	});
}
