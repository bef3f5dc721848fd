import {
	EVERYDAY_SIGNING,
	type AgreementType,
	type DealFacts,
	type InvestorOrigin
} from '@huizhan/ledger';

/*
 * The import template's columns (签约项目导入模板). Headers are Chinese because organisers keep
 * their deal lists in Chinese spreadsheets; the reader finds each column by its header, so the
 * order may change but the words may not. A header with a unit added (`总投资额（万元）`) is a
 * different column on purpose: guessing the unit would risk a 10,000-fold error.
 */

export interface ImportColumn {
	key: keyof DealFacts;
	header: string;
	required: boolean;
	/** Width in characters in the template. */
	width: number;
	/** What the column accepts, for the header's note and the instructions sheet. */
	hint: string;
}

export const IMPORT_COLUMNS: readonly ImportColumn[] = [
	{ key: 'projectName', header: '项目名称', required: true, width: 34, hint: '最多 200 字' },
	{ key: 'investor', header: '投资方', required: true, width: 30, hint: '最多 200 字' },
	{
		key: 'investorOrigin',
		header: '投资方来源',
		required: true,
		width: 12,
		hint: '本省、省外或境外'
	},
	{ key: 'chainId', header: '产业链', required: true, width: 18, hint: '产业链名称，须与系统一致' },
	{
		key: 'unitId',
		header: '责任单位',
		required: true,
		width: 22,
		hint: '责任单位名称，须与系统一致'
	},
	{
		key: 'signingEvent',
		header: '签约活动',
		required: true,
		width: 24,
		hint: '大会名称（或其编号，如 wsc-2024），或“日常签约”'
	},
	{
		key: 'signedOn',
		header: '签约日期',
		required: true,
		width: 14,
		hint: '日期，如 2024-11-03 或 2024/11/3'
	},
	{
		key: 'agreementType',
		header: '协议类型',
		required: true,
		width: 12,
		hint: '正式合同、框架协议或意向协议'
	},
	{
		key: 'totalInvestment',
		header: '总投资额',
		required: true,
		width: 16,
		hint: '带单位书写，如 5.6亿、3000万、56,000万元；不带单位的数字按“元”计'
	},
	{
		key: 'foreignCurrency',
		header: '外币币种',
		required: false,
		width: 10,
		hint: '外币协议填三位币种代码，如 USD；与外币金额、汇率同填或同空'
	},
	{
		key: 'foreignAmount',
		header: '外币金额',
		required: false,
		width: 14,
		hint: '外币整数金额'
	},
	{
		key: 'exchangeRate',
		header: '汇率',
		required: false,
		width: 10,
		hint: '1 单位外币折合人民币元，如 7.1234'
	},
	{ key: 'notes', header: '备注', required: false, width: 30, hint: '最多 2000 字' }
];

export type ImportColumnKey = ImportColumn['key'];

/** The Chinese header of each field, for naming a bad cell. */
export const HEADER_OF = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as Record<
	ImportColumnKey,
	string
>;

export const ORIGIN_LABELS: Record<InvestorOrigin, string> = {
	in_province: '本省',
	out_of_province: '省外',
	overseas: '境外'
};

export const AGREEMENT_LABELS: Record<AgreementType, string> = {
	contract: '正式合同',
	framework: '框架协议',
	intent: '意向协议'
};

/** 日常签约: a deal signed outside the conferences. */
export const EVERYDAY_LABEL = '日常签约';
export const EVERYDAY_CODE = EVERYDAY_SIGNING;

/**
 * The template's example row starts its project name with this mark. A row still carrying it is
 * refused rather than skipped: silently dropping a row is worse than asking for it to go.
 */
export const EXAMPLE_MARK = '【示例】';

/** The sheet the template's rows live on; a workbook without it is read from its first sheet. */
export const DATA_SHEET = '签约项目';

/** Rows one import may hold: far above a conference's signings, low enough to preview quickly. */
export const MAX_IMPORT_ROWS = 10_000;

/** The largest file accepted, in bytes. */
export const MAX_SHEET_BYTES = 20 * 1024 * 1024;

/** Chinese headers for the exports. */
export const DEAL_EXPORT_HEADERS = [
	'编号',
	'项目名称',
	'投资方',
	'投资方来源',
	'产业链',
	'责任单位',
	'签约活动',
	'签约日期',
	'协议类型',
	'总投资额(元)',
	'计入金额(亿元)',
	'计入金额(元)',
	'外币币种',
	'外币金额',
	'汇率',
	'状态',
	'落地日期',
	'开工日期',
	'投产日期',
	'转正式合同日期',
	'已作废',
	'作废原因',
	'备注',
	'最后记录人',
	'最后记录时间',
	'投资方为展商'
] as const;

export const LEDGER_EXPORT_HEADERS = [
	'序号',
	'项目编号',
	'事件',
	'记录人',
	'记录时间',
	'发生日期',
	'金额变化·正式合同(元)',
	'金额变化·框架协议(元)',
	'金额变化·意向协议(元)',
	'原因',
	'详情',
	'哈希',
	'前一条哈希'
] as const;
