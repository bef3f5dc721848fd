import { YI, type AgreementType, type InvestorOrigin } from '@huizhan/ledger';

/*
 * About forty believable deals for the demo (the companies are invented): the sensor conference
 * at roughly 60% of its 500亿元 target including framework agreements, the diamond conference
 * and everyday signings, with an upgrade, an increase (增资), a void and a landed project of
 * over 100亿元, so every part of the dashboard has something to show.
 */

export interface DemoDeal {
	projectName: string;
	investor: string;
	origin: InvestorOrigin;
	/** Industry chain and responsible unit by their Chinese names (seeded beside). */
	chain: string;
	unit: string;
	event: string;
	signedOn: string;
	agreement: AgreementType;
	/** 亿元, with at most two decimals. */
	yi: number;
	/** What happened afterwards, in order. */
	then?: DemoFollowUp[];
}

export type DemoFollowUp =
	| { upgrade: string }
	| { increase: number; event: string; on: string }
	| { advance: 'landed' | 'started' | 'in_production'; on: string }
	| { void: string };

const W = 'wsc-2024';
const D = 'diamond-2024';
const E = 'everyday';
const SENSOR = '智能传感器';
const DIAMOND = '超硬材料';

export const demoDeals: DemoDeal[] = [
	{
		projectName: 'MEMS传感器晶圆制造基地',
		investor: '华芯微感科技股份有限公司',
		origin: 'out_of_province',
		chain: SENSOR,
		unit: '投资促进部',
		event: W,
		signedOn: '2024-11-03',
		agreement: 'contract',
		yi: 100,
		then: [
			{ advance: 'landed', on: '2024-12-10' },
			{ advance: 'started', on: '2025-03-01' }
		]
	},
	{
		projectName: '智能压力传感器产业园',
		investor: '深圳感通智能科技有限公司',
		origin: 'out_of_province',
		chain: SENSOR,
		unit: '投资促进部',
		event: W,
		signedOn: '2024-11-03',
		agreement: 'contract',
		yi: 35.6
	},
	{
		projectName: '车规级气体传感器研发中心',
		investor: '博世汽车电子（中国）有限公司',
		origin: 'overseas',
		chain: SENSOR,
		unit: '经济发展部',
		event: W,
		signedOn: '2024-11-03',
		agreement: 'framework',
		yi: 18.5,
		then: [{ upgrade: '2024-12-20' }]
	},
	{
		projectName: '光纤传感系统集成项目',
		investor: '武汉光谷传感技术有限公司',
		origin: 'out_of_province',
		chain: SENSOR,
		unit: '科技创新局',
		event: W,
		signedOn: '2024-11-03',
		agreement: 'contract',
		yi: 12
	},
	{
		projectName: '工业互联网传感终端制造',
		investor: '郑州宇通智能装备有限公司',
		origin: 'in_province',
		chain: '智能装备',
		unit: '经济发展部',
		event: W,
		signedOn: '2024-11-03',
		agreement: 'contract',
		yi: 9.8
	},
	{
		projectName: '红外热成像芯片项目',
		investor: '高德红外（郑州）科技有限公司',
		origin: 'out_of_province',
		chain: SENSOR,
		unit: '投资促进部',
		event: W,
		signedOn: '2024-11-04',
		agreement: 'contract',
		yi: 25,
		then: [{ increase: 8, event: E, on: '2025-04-18' }]
	},
	{
		projectName: '北斗高精度定位模组基地',
		investor: '北斗星通导航技术股份有限公司',
		origin: 'out_of_province',
		chain: '北斗及卫星应用',
		unit: '投资促进部',
		event: W,
		signedOn: '2024-11-04',
		agreement: 'intent',
		yi: 15
	},
	{
		projectName: '智能网联汽车传感测试场',
		investor: '中汽研汽车检验中心有限公司',
		origin: 'out_of_province',
		chain: SENSOR,
		unit: '企业服务局',
		event: W,
		signedOn: '2024-11-04',
		agreement: 'framework',
		yi: 20
	},
	{
		projectName: '生物传感器检测试剂项目',
		investor: '安图生物工程股份有限公司',
		origin: 'in_province',
		chain: '生物医药',
		unit: '科技创新局',
		event: W,
		signedOn: '2024-11-04',
		agreement: 'contract',
		yi: 6.5
	},
	{
		projectName: '边缘计算智能感知平台',
		investor: '浪潮电子信息产业股份有限公司',
		origin: 'out_of_province',
		chain: '算力与人工智能',
		unit: '投资促进部',
		event: W,
		signedOn: '2024-11-04',
		agreement: 'contract',
		yi: 14.2
	},
	{
		projectName: '声学传感器封装测试线',
		investor: '歌尔微电子股份有限公司',
		origin: 'out_of_province',
		chain: SENSOR,
		unit: '经济发展部',
		event: W,
		signedOn: '2024-11-04',
		agreement: 'contract',
		yi: 11
	},
	{
		projectName: '传感器用特种新材料项目',
		investor: '河南省新材料投资集团有限公司',
		origin: 'in_province',
		chain: '新材料',
		unit: '产业园区运营中心',
		event: W,
		signedOn: '2024-11-05',
		agreement: 'intent',
		yi: 8
	},
	{
		projectName: '工业视觉检测设备制造',
		investor: '海康机器人股份有限公司',
		origin: 'out_of_province',
		chain: '智能装备',
		unit: '投资促进部',
		event: W,
		signedOn: '2024-11-05',
		agreement: 'contract',
		yi: 7.3
	},
	{
		projectName: '信创终端传感安全模块',
		investor: '中科可控信息产业有限公司',
		origin: 'out_of_province',
		chain: '信息技术应用创新',
		unit: '经济发展部',
		event: W,
		signedOn: '2024-11-05',
		agreement: 'contract',
		yi: 5.2
	},
	{
		projectName: '网络安全态势感知中心',
		investor: '奇安信科技集团股份有限公司',
		origin: 'out_of_province',
		chain: '网络安全',
		unit: '企业服务局',
		event: W,
		signedOn: '2024-11-05',
		agreement: 'framework',
		yi: 6
	},
	{
		projectName: '智慧能源传感监测项目',
		investor: '许继电气股份有限公司',
		origin: 'in_province',
		chain: '新能源',
		unit: '经济发展部',
		event: W,
		signedOn: '2024-11-05',
		agreement: 'contract',
		yi: 4.6
	},
	{
		projectName: 'TMR磁传感器量产线',
		investor: '多维科技（江苏）有限公司',
		origin: 'out_of_province',
		chain: SENSOR,
		unit: '投资促进部',
		event: W,
		signedOn: '2024-11-05',
		agreement: 'contract',
		yi: 9
	},
	{
		projectName: '压力传感器二期（重复录入）',
		investor: '深圳感通智能科技有限公司',
		origin: 'out_of_province',
		chain: SENSOR,
		unit: '投资促进部',
		event: W,
		signedOn: '2024-11-05',
		agreement: 'contract',
		yi: 10,
		then: [{ void: '与“智能压力传感器产业园”为同一项目，重复录入' }]
	},
	{
		projectName: '算力中心液冷传感系统',
		investor: '曙光信息产业股份有限公司',
		origin: 'out_of_province',
		chain: '算力与人工智能',
		unit: '科技创新局',
		event: W,
		signedOn: '2024-11-05',
		agreement: 'contract',
		yi: 7.8
	},
	{
		projectName: '柔性电子皮肤传感器项目',
		investor: '清华大学郑州研究院',
		origin: 'out_of_province',
		chain: SENSOR,
		unit: '科技创新局',
		event: W,
		signedOn: '2024-11-05',
		agreement: 'intent',
		yi: 3.5
	},

	{
		projectName: '培育钻石单晶生长基地',
		investor: '黄河旋风股份有限公司',
		origin: 'in_province',
		chain: DIAMOND,
		unit: '投资促进部',
		event: D,
		signedOn: '2024-09-26',
		agreement: 'contract',
		yi: 45,
		then: [{ advance: 'landed', on: '2024-11-20' }]
	},
	{
		projectName: '金刚石半导体衬底研发中心',
		investor: '郑州华晶金刚石股份有限公司',
		origin: 'in_province',
		chain: DIAMOND,
		unit: '科技创新局',
		event: D,
		signedOn: '2024-09-26',
		agreement: 'contract',
		yi: 18
	},
	{
		projectName: '超硬刀具智能制造项目',
		investor: '中南钻石有限公司',
		origin: 'in_province',
		chain: DIAMOND,
		unit: '经济发展部',
		event: D,
		signedOn: '2024-09-26',
		agreement: 'framework',
		yi: 12
	},
	{
		projectName: 'CVD金刚石热沉材料项目',
		investor: '上海征世科技股份有限公司',
		origin: 'out_of_province',
		chain: DIAMOND,
		unit: '投资促进部',
		event: D,
		signedOn: '2024-09-27',
		agreement: 'contract',
		yi: 15.5
	},
	{
		projectName: '金刚石线锯生产线',
		investor: '岱勒新材料科技股份有限公司',
		origin: 'out_of_province',
		chain: DIAMOND,
		unit: '产业园区运营中心',
		event: D,
		signedOn: '2024-09-27',
		agreement: 'contract',
		yi: 6.8
	},
	{
		projectName: '人造金刚石珠宝设计中心',
		investor: 'De Beers Lightbox Jewelry Ltd.',
		origin: 'overseas',
		chain: DIAMOND,
		unit: '投资促进部',
		event: D,
		signedOn: '2024-09-27',
		agreement: 'intent',
		yi: 9
	},
	{
		projectName: '超硬材料检测认证平台',
		investor: '国机精工集团股份有限公司',
		origin: 'out_of_province',
		chain: DIAMOND,
		unit: '企业服务局',
		event: D,
		signedOn: '2024-09-28',
		agreement: 'contract',
		yi: 3.2
	},
	{
		projectName: '金刚石量子传感器项目',
		investor: '国盾量子技术股份有限公司',
		origin: 'out_of_province',
		chain: SENSOR,
		unit: '科技创新局',
		event: D,
		signedOn: '2024-09-28',
		agreement: 'framework',
		yi: 5
	},
	{
		projectName: '超硬材料产业基金',
		investor: '河南投资集团有限公司',
		origin: 'in_province',
		chain: DIAMOND,
		unit: '经济发展部',
		event: D,
		signedOn: '2024-09-28',
		agreement: 'contract',
		yi: 20
	},
	{
		projectName: '聚晶金刚石复合片项目',
		investor: '富耐克超硬材料股份有限公司',
		origin: 'in_province',
		chain: DIAMOND,
		unit: '经济发展部',
		event: D,
		signedOn: '2024-09-28',
		agreement: 'contract',
		yi: 4.4
	},

	{
		projectName: '智算中心一期',
		investor: '中国移动通信集团河南有限公司',
		origin: 'in_province',
		chain: '算力与人工智能',
		unit: '投资促进部',
		event: E,
		signedOn: '2024-07-16',
		agreement: 'contract',
		yi: 50
	},
	{
		projectName: '创新药物研发生产基地',
		investor: '翰森制药集团有限公司',
		origin: 'out_of_province',
		chain: '生物医药',
		unit: '投资促进部',
		event: E,
		signedOn: '2024-08-08',
		agreement: 'contract',
		yi: 22
	},
	{
		projectName: '氢燃料电池系统项目',
		investor: '宇通客车股份有限公司',
		origin: 'in_province',
		chain: '新能源',
		unit: '经济发展部',
		event: E,
		signedOn: '2024-08-21',
		agreement: 'contract',
		yi: 16
	},
	{
		projectName: '工业机器人整机制造',
		investor: '埃斯顿自动化股份有限公司',
		origin: 'out_of_province',
		chain: '智能装备',
		unit: '投资促进部',
		event: E,
		signedOn: '2024-09-05',
		agreement: 'contract',
		yi: 8.5
	},
	{
		projectName: '卫星遥感数据服务中心',
		investor: '长光卫星技术股份有限公司',
		origin: 'out_of_province',
		chain: '北斗及卫星应用',
		unit: '企业服务局',
		event: E,
		signedOn: '2024-09-12',
		agreement: 'contract',
		yi: 5.5
	},
	{
		projectName: '密码安全芯片项目',
		investor: '紫光同芯微电子有限公司',
		origin: 'out_of_province',
		chain: '网络安全',
		unit: '科技创新局',
		event: E,
		signedOn: '2024-09-19',
		agreement: 'contract',
		yi: 7
	},
	{
		projectName: '信创软件适配中心',
		investor: '麒麟软件有限公司',
		origin: 'out_of_province',
		chain: '信息技术应用创新',
		unit: '经济发展部',
		event: E,
		signedOn: '2024-09-25',
		agreement: 'contract',
		yi: 3
	},
	{
		projectName: '新能源储能电池工厂',
		investor: '比亚迪股份有限公司',
		origin: 'out_of_province',
		chain: '新能源',
		unit: '投资促进部',
		event: E,
		signedOn: '2024-10-10',
		agreement: 'framework',
		yi: 60
	},
	{
		projectName: '高端医疗器械产业园',
		investor: '迈瑞医疗国际股份有限公司',
		origin: 'out_of_province',
		chain: '生物医药',
		unit: '产业园区运营中心',
		event: E,
		signedOn: '2024-12-02',
		agreement: 'intent',
		yi: 12
	},
	{
		projectName: '半导体材料研发项目',
		investor: 'Merck Electronics Ltd.',
		origin: 'overseas',
		chain: '新材料',
		unit: '投资促进部',
		event: E,
		signedOn: '2024-12-15',
		agreement: 'contract',
		yi: 4
	}
];

/** 亿元 with up to two decimals → whole 元, without a float product (12.35 × 1e8 ≠ 1235000000.0). */
export function yiToYuan(yi: number): number {
	const [whole = '0', fraction = ''] = String(yi).split('.');
	return Number(whole) * YI + Number(fraction.padEnd(8, '0').slice(0, 8));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A handful of deals in progress for the demo's own year, so the current dashboards are not
 * empty: signed in the months before the day the demo is made (`createdOn`, a Beijing day), some
 * ahead of the current editions' ceremonies, some everyday. Dated `daysBefore` the creation day,
 * but never before 1 January of its year, so they count toward the year the demo is made in.
 */
export function currentDemoDeals(
	createdOn: string,
	sensorId: string,
	diamondId: string
): DemoDeal[] {
	const yearStart = `${createdOn.slice(0, 4)}-01-01`;
	const before = (daysBefore: number) => {
		const day = new Date(Date.parse(`${createdOn}T00:00:00Z`) - daysBefore * DAY_MS)
			.toISOString()
			.slice(0, 10);
		return day < yearStart ? yearStart : day;
	};
	return [
		{
			projectName: '高端MEMS麦克风封测基地',
			investor: '苏州声芯微电子有限公司',
			origin: 'out_of_province',
			chain: SENSOR,
			unit: '投资促进部',
			event: sensorId,
			signedOn: before(84),
			agreement: 'contract',
			yi: 28
		},
		{
			projectName: '工业物联网传感终端产业化项目',
			investor: '上海智联感知科技有限公司',
			origin: 'out_of_province',
			chain: SENSOR,
			unit: '经济发展部',
			event: sensorId,
			signedOn: before(41),
			agreement: 'framework',
			yi: 15.5
		},
		{
			projectName: '培育钻石晶体生长基地',
			investor: '河南晶钻新材料有限公司',
			origin: 'in_province',
			chain: DIAMOND,
			unit: '产业园区运营中心',
			event: diamondId,
			signedOn: before(63),
			agreement: 'contract',
			yi: 22
		},
		{
			projectName: '金刚石散热片研发中心',
			investor: 'Element Carbon GmbH',
			origin: 'overseas',
			chain: DIAMOND,
			unit: '科技创新局',
			event: diamondId,
			signedOn: before(19),
			agreement: 'intent',
			yi: 8
		},
		{
			projectName: '智算中心二期',
			investor: '中原算力科技有限公司',
			origin: 'in_province',
			chain: '算力与人工智能',
			unit: '科技创新局',
			event: E,
			signedOn: before(35),
			agreement: 'contract',
			yi: 12.3
		},
		{
			projectName: '储能电池管理系统项目',
			investor: '合肥储能动力科技有限公司',
			origin: 'out_of_province',
			chain: '新能源',
			unit: '企业服务局',
			event: E,
			signedOn: before(9),
			agreement: 'framework',
			yi: 6.8
		}
	];
}
