import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import type { AttendeeCategory, RegistrationStatus } from '../schema/index.ts';
import type { Db } from '../types.ts';
import { assertDemoDatabase } from '../installation.ts';
import { tables } from '../tables.ts';

const SURNAMES =
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = [
	'伟',
	'芳',
	'娜',
	'敏',
	'静',
	'丽',
	'强',
	'磊',
	'军',
	'洋',
	'勇',
	'艳',
	'杰',
	'娟',
	'涛',
	'明',
	'超',
	'秀英',
	'霞',
	'平',
	'刚',
	'桂英',
	'建华',
	'晓东',
	'海燕',
	'志强',
	'文博',
	'子涵',
	'雨桐',
	'浩然'
];
const ORGANISATIONS = [
	'郑州大学',
	'河南大学',
	'中国科学院微电子研究所',
	'汉威科技集团',
	'华为技术有限公司',
	'中原科技城管委会',
	'黄河旋风股份有限公司',
	'宇通客车股份有限公司',
	'河南日报社',
	'新华社河南分社',
	'清华大学',
	'博世中国',
	'郑州高新区管委会',
	'中信重工机械股份有限公司',
	'安图生物',
	'许继电气',
	'河南省传感器产业协会',
	'中国超硬材料协会'
];
const TITLES = [
	'工程师',
	'总经理',
	'教授',
	'研究员',
	'记者',
	'主任',
	'副总裁',
	'技术总监',
	'博士研究生',
	''
];
const REF_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A small deterministic generator, so every demo database holds the same people. */
function generator(seed: number) {
	let state = seed >>> 0;
	return (n: number) => {
		state = (state * 1_664_525 + 1_013_904_223) >>> 0;
		return state % n;
	};
}

const PLAN: [string, AttendeeCategory, number][] = [
	['wsc-2024', 'visitor', 140],
	['wsc-2024', 'delegate', 40],
	['wsc-2024', 'exhibitor', 45],
	['wsc-2024', 'media', 12],
	['wsc-2024', 'vip', 10],
	['diamond-2024', 'visitor', 60],
	['diamond-2024', 'delegate', 18],
	['diamond-2024', 'exhibitor', 20],
	['diamond-2024', 'media', 6],
	['diamond-2024', 'vip', 5]
];

/** The last demo signup: two weeks before the 2024 diamond conference, inside both 2024 windows. */
const LAST_SIGNUP_2024 = Date.parse('2024-09-12T12:00:00+08:00');

/**
 * A few hundred believable registrations (invented people) across both 2024 conferences and
 * every category: VIP and media partly pending approval, a few cancelled. They are history, so
 * they are dated in 2024's registration windows, not on the day the demo is made. Only into an
 * empty table.
 */
export async function seedDemoRegistrations(db: Db): Promise<number> {
	return db.transaction(async (tx) => {
		const { registrations } = tables(tx);
		await assertDemoDatabase(tx, 'demo data');
		const [existing] = await tx.select({ n: count() }).from(registrations);
		if ((existing?.n ?? 0) > 0) return 0;
		const pick = generator(20241103);
		const usedReferences = new Set<string>();
		let n = 0;
		for (const [conferenceId, category, howMany] of PLAN) {
			const prefix = conferenceId === 'wsc-2024' ? 'WSC' : 'WDC';
			for (let i = 0; i < howMany; i++) {
				n++;
				let reference: string;
				do {
					reference = `${prefix}-${Array.from({ length: 6 }, () => REF_ALPHABET[pick(REF_ALPHABET.length)]).join('')}`;
				} while (usedReferences.has(reference));
				usedReferences.add(reference);
				const needsApproval = category === 'vip' || category === 'media';
				const status: RegistrationStatus =
					n % 37 === 0
						? 'cancelled'
						: needsApproval
							? i % 3 === 0
								? 'pending'
								: 'confirmed'
							: 'confirmed';
				// One signup an hour, the decisions and cancellations a day after.
				const signedUpAt = new Date(LAST_SIGNUP_2024 - (400 - n) * 3_600_000);
				const dayAfter = new Date(signedUpAt.getTime() + 24 * 3_600_000);
				const name = SURNAMES[pick(SURNAMES.length)]! + GIVEN[pick(GIVEN.length)]!;
				await tx.insert(registrations).values({
					conferenceId,
					category,
					name,
					organisation: ORGANISATIONS[pick(ORGANISATIONS.length)]!,
					title: TITLES[pick(TITLES.length)]!,
					// 170 is a virtual-operator prefix: no demo number belongs to a real subscriber's line
					// by design, and none can collide with what a tester types for themselves.
					mobile: `+86170${String(10_000_000 + n * 7_919).slice(-8)}`,
					email: n % 4 === 0 ? `demo${n}@example.cn` : null,
					country: 'CN',
					language: 'zh-CN',
					consentAt: signedUpAt,
					status,
					reference,
					ticketSecret: randomBytes(16).toString('base64url'),
					createdAt: signedUpAt,
					cancelledAt: status === 'cancelled' ? dayAfter : null,
					decidedAt: needsApproval && status !== 'pending' ? dayAfter : null
				});
			}
		}
		return n;
	});
}
