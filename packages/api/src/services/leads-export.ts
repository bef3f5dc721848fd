import type { DbOrTx } from '@huizhan/db';
import type { LeadRating } from '@huizhan/ledger';
import {
	beijingTime,
	download,
	exportFilename,
	writeTable,
	type SheetDownload,
	type SheetFormat,
	type Table
} from '../spreadsheets/export.ts';
import { exhibitorLeadList, type LeadFilters, type LeadView } from './leads.ts';

/*
 * The exhibitor's lead list as a spreadsheet. Contacts are read as the file is made: a visitor
 * who withdrew their consent since the scan is exported without them.
 */

export const LEAD_EXPORT_HEADERS = [
	'扫码时间',
	'姓名',
	'单位',
	'职务',
	'手机',
	'邮箱',
	'评级',
	'备注',
	'扫码人'
] as const;

const RATING_LABELS: Record<LeadRating, string> = { hot: '热', warm: '温', cold: '冷' };

export function leadTable(leads: readonly LeadView[]): Table {
	return {
		sheetName: '展商线索',
		headers: LEAD_EXPORT_HEADERS,
		rows: leads.map((l) => [
			beijingTime(l.scannedAt),
			l.name,
			l.organisation,
			l.title,
			l.mobile,
			l.email,
			l.rating ? RATING_LABELS[l.rating] : null,
			l.note,
			l.scannedBy
		]),
		widths: [20, 14, 28, 16, 16, 26, 6, 40, 12],
		integers: new Set()
	};
}

/** Every lead of the exhibitor behind its secret (filtered as on its page), as .xlsx or .csv. */
export async function exportLeads(
	db: DbOrTx,
	secret: string,
	filters: LeadFilters,
	format: SheetFormat,
	now: Date
): Promise<SheetDownload> {
	const { leads } = await exhibitorLeadList(db, secret, filters);
	return download(
		exportFilename('展商线索', format, now),
		await writeTable(leadTable(leads), format)
	);
}
