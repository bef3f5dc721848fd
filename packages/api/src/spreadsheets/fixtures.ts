import { constants, crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS } from './columns.ts';
import type { ReferenceData } from './validate.ts';

/*
 * Spreadsheets for the tests: what a recorder would fill in, built with exceljs as Excel would
 * save it.
 */

export const HEADERS = IMPORT_COLUMNS.map((c) => c.header);

/** The names the demo data seeds, as the reader is given them. */
export const REFERENCES: ReferenceData = {
	conferences: [
		{ id: 'wsc-2024', nameZh: '2024世界传感器大会', nameEn: '2024 World Sensor Conference' },
		{ id: 'diamond-2024', nameZh: '2024世界金刚石大会', nameEn: '2024 World Diamond Conference' }
	],
	chains: [
		{ id: 1, nameZh: '智能传感器', nameEn: 'Smart sensors', active: true },
		{ id: 2, nameZh: '超硬材料', nameEn: 'Superhard materials', active: true }
	],
	units: [
		{ id: 1, nameZh: '投资促进部', nameEn: 'Investment Promotion Department', active: true },
		{ id: 2, nameZh: '经济发展部', nameEn: 'Economic Development Department', active: true }
	]
};

export type SheetInput = (string | number | Date | null)[];

/** One good row in template order; `overrides` by header. */
export function sampleRow(n: number, overrides: Record<string, string | number | Date> = {}) {
	const values: Record<string, string | number | Date | null> = {
		项目名称: `第${n}号传感器产线项目`,
		投资方: `测试投资方${n}有限公司`,
		投资方来源: '省外',
		产业链: '智能传感器',
		责任单位: '投资促进部',
		签约活动: '2024世界传感器大会',
		签约日期: '2024-11-03',
		协议类型: '正式合同',
		总投资额: `${n}亿`,
		外币币种: null,
		外币金额: null,
		汇率: null,
		备注: null,
		...overrides
	};
	return HEADERS.map((h) => values[h] ?? null);
}

/** An .xlsx with the template's header row and these rows below it. */
export async function xlsxOf(rows: SheetInput[], headers: string[] = HEADERS) {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('签约项目');
	sheet.addRow(headers);
	sheet.addRows(rows);
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A CSV text with the template's header and these rows (no quoting needed for them). */
export const csvOf = (rows: SheetInput[], headers: string[] = HEADERS): string =>
	[headers, ...rows].map((r) => r.map((c) => (c === null ? '' : String(c))).join(',')).join('\r\n');

/**
 * GBK bytes of a text, as Excel on a Chinese Windows saves a CSV. Node has a GB18030 decoder but
 * no encoder, so the table is the decoder run backwards over every two-byte code.
 */
export function gbkBytes(text: string): Uint8Array {
	const decoder = new TextDecoder('gb18030');
	const table = new Map<string, [number, number]>();
	for (let lead = 0x81; lead <= 0xfe; lead++) {
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			if (trail === 0x7f) continue;
			const char = decoder.decode(new Uint8Array([lead, trail]));
			if (!table.has(char)) table.set(char, [lead, trail]);
		}
	}
	const bytes: number[] = [];
	for (const char of text) {
		const code = char.codePointAt(0)!;
		if (code < 0x80) bytes.push(code);
		else {
			const pair = table.get(char);
			if (!pair) throw new Error(`not in GBK: ${char}`);
			bytes.push(...pair);
		}
	}
	return new Uint8Array(bytes);
}

/**
 * A zip whose one entry inflates from under a megabyte to `megabytes` MB of spaces, made
 * without ever holding them: one compressed megabyte ending on a byte boundary (a sync flush)
 * is repeated, then a final empty block closes the stream. `declared` is the size its headers
 * claim, the truth by default.
 */
export function zipBomb(megabytes: number, declared = megabytes * MB): Uint8Array {
	const block = new Uint8Array(MB).fill(0x20);
	const piece = deflateRawSync(block, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
	const data = Buffer.concat([...Array.from({ length: megabytes }, () => piece), FINAL_BLOCK]);
	let crc = 0;
	for (let i = 0; i < megabytes; i++) crc = crc32(block, crc);
	const name = Buffer.from('xl/sharedStrings.xml');
	const local = Buffer.alloc(30);
	local.writeUInt32LE(0x04034b50, 0);
	local.writeUInt16LE(20, 4);
	local.writeUInt16LE(8, 8);
	local.writeUInt32LE(crc, 14);
	local.writeUInt32LE(data.length, 18);
	local.writeUInt32LE(declared, 22);
	local.writeUInt16LE(name.length, 26);
	const central = Buffer.alloc(46);
	central.writeUInt32LE(0x02014b50, 0);
	central.writeUInt16LE(20, 4);
	central.writeUInt16LE(20, 6);
	central.writeUInt16LE(8, 10);
	central.writeUInt32LE(crc, 16);
	central.writeUInt32LE(data.length, 20);
	central.writeUInt32LE(declared, 24);
	central.writeUInt16LE(name.length, 28);
	const directoryAt = local.length + name.length + data.length;
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(1, 8);
	end.writeUInt16LE(1, 10);
	end.writeUInt32LE(central.length + name.length, 12);
	end.writeUInt32LE(directoryAt, 16);
	return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}
const MB = 1024 * 1024;
/** A final, empty, fixed-Huffman deflate block. */
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);
