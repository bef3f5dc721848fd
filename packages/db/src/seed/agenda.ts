import { eq } from 'drizzle-orm';
import type { AttendeeCategory } from '../schema/conferences.ts';
import type { SessionKind, SessionLanguage } from '../schema/agenda.ts';
import { tables } from '../tables.ts';
import type { Tx } from '../types.ts';
import type { CurrentEdition, DemoSeries } from './current-editions.ts';
import { currentEditionsAt } from './demo-data.ts';

/*
 * A realistic agenda for the demo's current editions: the opening and the main forum in the
 * main hall on the first day, sub-forums in their own rooms over the days, the signing ceremony,
 * and one small sub-forum by sign-up only — enough for the console, the public agenda, the door
 * and the live pages to show something true to the conference.
 */

interface DemoSpeaker {
	nameZh: string;
	nameEn: string;
	titleZh: string;
	titleEn: string;
	organisationZh: string;
	organisationEn: string;
}

interface DemoSession {
	kind: SessionKind;
	titleZh: string;
	titleEn: string;
	trackZh?: string;
	trackEn?: string;
	/** 0 for the edition's first day. */
	day: number;
	start: string;
	end: string;
	hallZh: string;
	hallEn: string;
	capacity?: number;
	allowedCategories?: AttendeeCategory[];
	signupRequired?: boolean;
	language: SessionLanguage;
	descriptionZh?: string;
	descriptionEn?: string;
	speakers?: DemoSpeaker[];
}

const person = (
	nameZh: string,
	nameEn: string,
	titleZh: string,
	titleEn: string,
	organisationZh: string,
	organisationEn: string
): DemoSpeaker => ({ nameZh, nameEn, titleZh, titleEn, organisationZh, organisationEn });

const MAIN_HALL = { hallZh: '主会场A厅', hallEn: 'Main Hall A' };
const ROOM_307 = { hallZh: '307会议室', hallEn: 'Room 307' };
const ROOM_201 = { hallZh: '201会议室', hallEn: 'Room 201' };
const ROOM_203 = { hallZh: '203会议室', hallEn: 'Room 203' };
const EXHIBITION_HALL = { hallZh: '展览1号馆', hallEn: 'Exhibition Hall 1' };
const SMART = { trackZh: '智能感知', trackEn: 'Smart sensing' };
const INDUSTRY = { trackZh: '产业发展', trackEn: 'Industry' };

const SENSOR_AGENDA: DemoSession[] = [
	{
		kind: 'opening',
		titleZh: '开幕式',
		titleEn: 'Opening ceremony',
		day: 0,
		start: '09:00',
		end: '10:00',
		...MAIN_HALL,
		language: 'zh_en',
		descriptionZh: '大会开幕，领导致辞。',
		descriptionEn: 'The conference opens with addresses by the organisers.'
	},
	{
		kind: 'main_forum',
		titleZh: '主论坛：感知未来',
		titleEn: 'Main forum: Sensing the future',
		day: 0,
		start: '10:00',
		end: '12:00',
		...MAIN_HALL,
		language: 'zh_en',
		descriptionZh: '院士和企业家谈传感器产业的下一个十年。',
		descriptionEn: 'Academicians and founders on the next decade of the sensor industry.',
		speakers: [
			person(
				'王建国',
				'Wang Jianguo',
				'院士',
				'Academician',
				'中国工程院',
				'Chinese Academy of Engineering'
			),
			person(
				'Anna Müller',
				'Anna Müller',
				'首席技术官',
				'Chief Technology Officer',
				'博世传感器',
				'Bosch Sensortec'
			)
		]
	},
	{
		kind: 'sub_forum',
		titleZh: '分论坛一：智能传感器与物联网',
		titleEn: 'Sub-forum 1: Smart sensors and the Internet of Things',
		...SMART,
		day: 0,
		start: '14:00',
		end: '17:30',
		...ROOM_307,
		capacity: 120,
		language: 'zh',
		speakers: [person('李明', 'Li Ming', '教授', 'Professor', '郑州大学', 'Zhengzhou University')]
	},
	{
		kind: 'sub_forum',
		titleZh: '分论坛二：MEMS 工艺与封装',
		titleEn: 'Sub-forum 2: MEMS processes and packaging',
		...SMART,
		day: 0,
		start: '14:00',
		end: '17:30',
		...ROOM_201,
		capacity: 80,
		language: 'zh',
		speakers: [
			person(
				'陈静',
				'Chen Jing',
				'研究员',
				'Research Fellow',
				'中国科学院微电子研究所',
				'Institute of Microelectronics, CAS'
			)
		]
	},
	{
		kind: 'sub_forum',
		titleZh: '分论坛三：汽车电子与智能驾驶',
		titleEn: 'Sub-forum 3: Automotive electronics and autonomous driving',
		...SMART,
		day: 1,
		start: '09:00',
		end: '12:00',
		...ROOM_307,
		capacity: 120,
		language: 'zh_en',
		speakers: [person('赵磊', 'Zhao Lei', '总工程师', 'Chief Engineer', '宇通客车', 'Yutong Bus')]
	},
	{
		kind: 'sub_forum',
		titleZh: '分论坛四：医疗健康传感闭门研讨',
		titleEn: 'Sub-forum 4: Medical sensing (closed workshop)',
		...INDUSTRY,
		day: 1,
		start: '09:00',
		end: '12:00',
		...ROOM_203,
		capacity: 30,
		allowedCategories: ['delegate', 'media', 'vip'],
		signupRequired: true,
		language: 'zh',
		descriptionZh: '小范围研讨，仅限报名的嘉宾、媒体和贵宾。',
		descriptionEn: 'A small workshop for delegates, media and VIPs who signed up.'
	},
	{
		kind: 'signing_ceremony',
		titleZh: '重点项目签约仪式',
		titleEn: 'Signing ceremony of key projects',
		day: 1,
		start: '14:00',
		end: '16:00',
		...MAIN_HALL,
		allowedCategories: ['delegate', 'media', 'vip'],
		language: 'zh'
	},
	{
		kind: 'sub_forum',
		titleZh: '分论坛五：传感器产业投融资',
		titleEn: 'Sub-forum 5: Investing in sensors',
		...INDUSTRY,
		day: 1,
		start: '14:00',
		end: '17:30',
		...ROOM_201,
		capacity: 80,
		language: 'zh'
	},
	{
		kind: 'sub_forum',
		titleZh: '分论坛六：工业传感与智能制造',
		titleEn: 'Sub-forum 6: Industrial sensing and smart manufacturing',
		...INDUSTRY,
		day: 2,
		start: '09:00',
		end: '12:00',
		...ROOM_307,
		capacity: 120,
		language: 'zh'
	},
	{
		kind: 'exhibition',
		titleZh: '传感器新产品展',
		titleEn: 'New sensor products exhibition',
		day: 2,
		start: '09:00',
		end: '17:00',
		...EXHIBITION_HALL,
		language: 'zh_en'
	}
];

const DIAMOND_AGENDA: DemoSession[] = [
	{ ...SENSOR_AGENDA[0]!, titleZh: '开幕式', titleEn: 'Opening ceremony', speakers: [] },
	{
		kind: 'main_forum',
		titleZh: '主论坛：超硬材料的新应用',
		titleEn: 'Main forum: New uses of superhard materials',
		day: 0,
		start: '10:00',
		end: '12:00',
		...MAIN_HALL,
		language: 'zh_en',
		speakers: [person('刘洋', 'Liu Yang', '教授', 'Professor', '郑州大学', 'Zhengzhou University')]
	},
	{
		kind: 'sub_forum',
		titleZh: '分论坛：培育钻石',
		titleEn: 'Sub-forum: Lab-grown diamonds',
		day: 1,
		start: '09:00',
		end: '12:00',
		...ROOM_307,
		capacity: 100,
		language: 'zh'
	},
	{
		kind: 'signing_ceremony',
		titleZh: '项目签约仪式',
		titleEn: 'Signing ceremony',
		day: 1,
		start: '14:00',
		end: '15:30',
		...MAIN_HALL,
		allowedCategories: ['delegate', 'media', 'vip'],
		language: 'zh'
	}
];

const AGENDAS: Record<DemoSeries, DemoSession[]> = {
	wsc: SENSOR_AGENDA,
	diamond: DIAMOND_AGENDA
};

const dayOf = (edition: CurrentEdition, offset: number) =>
	new Date(Date.parse(`${edition.startsOn}T00:00:00Z`) + offset * 86_400_000)
		.toISOString()
		.slice(0, 10);

/**
 * Stores the demo agenda of each current edition that has none yet (one an admin has started
 * is left alone), in the seed's transaction. Returns the sessions created.
 */
export async function seedDemoAgenda(tx: Tx, now: Date): Promise<number> {
	const { agendaSessions, sessionSpeakers } = tables(tx);
	let created = 0;
	for (const edition of currentEditionsAt(now)) {
		const [existing] = await tx
			.select({ id: agendaSessions.id })
			.from(agendaSessions)
			.where(eq(agendaSessions.conferenceId, edition.id))
			.limit(1);
		if (existing) continue;
		for (const s of AGENDAS[edition.series]) {
			const day = dayOf(edition, s.day);
			const [row] = await tx
				.insert(agendaSessions)
				.values({
					conferenceId: edition.id,
					kind: s.kind,
					titleZh: s.titleZh,
					titleEn: s.titleEn,
					trackZh: s.trackZh ?? null,
					trackEn: s.trackEn ?? null,
					startsAt: new Date(`${day}T${s.start}:00+08:00`),
					endsAt: new Date(`${day}T${s.end}:00+08:00`),
					hallZh: s.hallZh,
					hallEn: s.hallEn,
					capacity: s.capacity ?? null,
					allowedCategories: s.allowedCategories ?? null,
					signupRequired: s.signupRequired ?? false,
					language: s.language,
					descriptionZh: s.descriptionZh ?? '',
					descriptionEn: s.descriptionEn ?? '',
					createdAt: now
				})
				.returning({ id: agendaSessions.id });
			if (!row) throw new Error('a demo session was not stored');
			const speakers = s.speakers ?? [];
			if (speakers.length > 0) {
				await tx
					.insert(sessionSpeakers)
					.values(speakers.map((p, position) => ({ ...p, sessionId: row.id, position })));
			}
			created += 1;
		}
	}
	return created;
}
