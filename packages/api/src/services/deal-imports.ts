import { randomBytes } from 'node:crypto';
import { and, asc, eq, lt } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import {
	appendToLedger,
	LEDGER_LOCK,
	lockedTransaction,
	LedgerRefusal,
	ledgerQueries,
	ledgerStore,
	readChain,
	readTransaction,
	tables
} from '@huizhan/db';
import { EVERYDAY_SIGNING, type DealFacts } from '@huizhan/ledger';
import { AppError } from '../errors.ts';
import { readSheet, SheetReadError, type CellValue, type Sheet } from '../spreadsheets/read.ts';
import {
	cellText,
	validateSheet,
	type DuplicateFinder,
	type ReferenceData,
	type SheetIssue,
	type ValidatedRow
} from '../spreadsheets/validate.ts';
import { buildTemplate, TEMPLATE_FILENAME } from '../spreadsheets/template.ts';
import {
	dealTable,
	download,
	exportFilename,
	ledgerTable,
	writeTable,
	type SheetDownload,
	type SheetFormat
} from '../spreadsheets/export.ts';
import { recordAudit } from './audit.ts';
import { exhibitorInvestors } from './exhibitor-investors.ts';
import { beijingDate, probableDuplicates, type DealActor } from './deals.ts';

/** Rows of parsed facts a preview shows. */
const SAMPLE_ROWS = 20;
/** Problems listed in full; the counts say how many more there are. */
const LISTED_ISSUES = 500;
/** Rows of the file shown as they are, with bad cells marked: the first ones, then bad ones. */
const GRID_ROWS = 100;
/** A preview nobody committed is deleted after a week: it holds a whole file's rows. */
const PREVIEW_KEPT_MS = 7 * 24 * 3_600_000;

/** The rows of a file as the spreadsheet shows them, for marking the bad cells in place. */
export interface SheetGrid {
	headerRow: number;
	headers: string[];
	rows: { row: number; cells: string[] }[];
}

export interface ImportPreview {
	/** Set when the file had no errors and was stored for a commit; null otherwise. */
	importId: string | null;
	filename: string;
	/** Data rows in the file. */
	rowCount: number;
	/** Sum of the good rows' total investment, 元: what a commit adds. */
	totalInvestment: number;
	errors: SheetIssue[];
	errorCount: number;
	warnings: SheetIssue[];
	warningCount: number;
	/** The first good rows, as they would be recorded. */
	sample: ValidatedRow[];
	grid: SheetGrid;
}

/** The console's conferences, chains and units: what names in a sheet must match. */
export async function referenceData(db: DbOrTx) {
	const { conferences, industryChains, responsibleUnits } = tables(db);
	return {
		conferences: await db
			.select({ id: conferences.id, nameZh: conferences.nameZh, nameEn: conferences.nameEn })
			.from(conferences)
			.orderBy(asc(conferences.startsOn)),
		chains: await db
			.select({
				id: industryChains.id,
				nameZh: industryChains.nameZh,
				nameEn: industryChains.nameEn,
				active: industryChains.active
			})
			.from(industryChains)
			.orderBy(asc(industryChains.sortOrder)),
		units: await db
			.select({
				id: responsibleUnits.id,
				nameZh: responsibleUnits.nameZh,
				nameEn: responsibleUnits.nameEn,
				active: responsibleUnits.active
			})
			.from(responsibleUnits)
			.orderBy(asc(responsibleUnits.sortOrder))
	} satisfies ReferenceData;
}

const displayText = (cell: CellValue | undefined): string =>
	cell instanceof Date || (cell !== null && typeof cell === 'object')
		? cellText(cell)
		: cell === null || cell === undefined
			? ''
			: String(cell);

function gridOf(sheet: Sheet, errors: SheetIssue[]): SheetGrid {
	const badRows = new Set(errors.map((e) => e.row));
	const shown = sheet.rows
		.filter((r, index) => index < SAMPLE_ROWS || badRows.has(r.row))
		.slice(0, GRID_ROWS);
	return {
		headerRow: sheet.headerRow,
		headers: sheet.headers,
		rows: shown.map((r) => ({
			row: r.row,
			cells: sheet.headers.map((_, i) => displayText(r.cells[i]))
		}))
	};
}

const emptyGrid: SheetGrid = { headerRow: 1, headers: [], rows: [] };

/** `probableDuplicates` depends on these two facts only. */
const candidateKey = (facts: Pick<DealFacts, 'investor' | 'projectName'>) =>
	JSON.stringify([facts.investor, facts.projectName]);

/**
 * Checks a sheet with the deals already in the ledger as `validateSheet`'s duplicate finder,
 * which is synchronous: a first pass collects the rows it would ask about, their duplicates are
 * read, and only if any row has one is the sheet checked again with the answers.
 */
async function validateAgainstLedger(db: Db, sheet: Sheet, references: ReferenceData) {
	const asked = new Map<string, DealFacts>();
	const first = validateSheet(sheet, references, (facts) => {
		asked.set(candidateKey(facts), facts);
		return [];
	});
	const found = new Map<string, string[]>();
	for (const [key, facts] of asked) {
		const ids = (await probableDuplicates(db, facts)).map((d) => d.id);
		if (ids.length > 0) found.set(key, ids);
	}
	if (found.size === 0) return first;
	const answers: DuplicateFinder = (facts) => found.get(candidateKey(facts)) ?? [];
	return validateSheet(sheet, references, answers);
}
const newImportId = () => randomBytes(18).toString('base64url');

/**
 * Reads and checks a spreadsheet of deals. Nothing reaches the ledger here: a file with no
 * errors is stored as a preview whose id a commit names; a file with any error is stored
 * nowhere, and every bad cell is listed by row and column.
 */
export async function previewImport(
	db: Db,
	input: { filename: string; bytes: Uint8Array },
	actor: DealActor
): Promise<ImportPreview> {
	const base = {
		importId: null,
		filename: input.filename,
		rowCount: 0,
		totalInvestment: 0,
		warnings: [],
		warningCount: 0,
		sample: []
	};
	let sheet: Sheet;
	try {
		sheet = await readSheet(input.bytes);
	} catch (error) {
		if (!(error instanceof SheetReadError)) throw error;
		const errors = [{ row: 0, column: '', code: error.code }];
		return { ...base, errors, errorCount: 1, grid: emptyGrid };
	}

	const { rows, errors, warnings } = await validateAgainstLedger(
		db,
		sheet,
		await referenceData(db)
	);
	const totalInvestment = rows.reduce((sum, r) => sum + r.facts.totalInvestment, 0);
	const preview: ImportPreview = {
		...base,
		rowCount: sheet.rows.length,
		totalInvestment,
		errors: errors.slice(0, LISTED_ISSUES),
		errorCount: errors.length,
		warnings: warnings.slice(0, LISTED_ISSUES),
		warningCount: warnings.length,
		sample: rows.slice(0, SAMPLE_ROWS),
		grid: gridOf(sheet, errors)
	};
	if (errors.length > 0) return preview;

	const importId = newImportId();
	await db.transaction(async (tx) => {
		const { dealImports } = tables(tx);
		await tx
			.delete(dealImports)
			.where(
				and(
					eq(dealImports.status, 'previewed'),
					lt(dealImports.createdAt, new Date(actor.now.getTime() - PREVIEW_KEPT_MS))
				)
			);
		await tx.insert(dealImports).values({
			id: importId,
			createdBy: actor.user.id,
			createdAt: actor.now,
			filename: input.filename,
			rowCount: rows.length,
			totalInvestment,
			rows,
			warnings
		});
	});
	return { ...preview, importId };
}

export interface StoredImport {
	importId: string;
	filename: string;
	rowCount: number;
	totalInvestment: number;
	status: 'previewed' | 'committed';
	createdAt: string;
	committedAt: string | null;
	firstSeq: number | null;
	lastSeq: number | null;
	warnings: SheetIssue[];
	warningCount: number;
	sample: ValidatedRow[];
	/** The file had rows that look like another row or a deal already recorded. */
	hasDuplicates: boolean;
}

const isDuplicateWarning = (w: SheetIssue) =>
	w.code === 'duplicate_in_file' || w.code === 'probable_duplicate';

/** The user's own stored preview; another user's is as good as missing. */
async function ownImport(db: DbOrTx, importId: string, actor: DealActor) {
	const { dealImports } = tables(db);
	const [stored] = await db
		.select()
		.from(dealImports)
		.where(and(eq(dealImports.id, importId), eq(dealImports.createdBy, actor.user.id)));
	if (!stored) throw new AppError('NOT_FOUND', 'import_not_found', `no import ${importId}`);
	return stored;
}

/** A stored preview, to show again (after a redirect, a reload or a restart) before committing. */
export async function storedImport(
	db: Db,
	importId: string,
	actor: DealActor
): Promise<StoredImport> {
	const stored = await ownImport(db, importId, actor);
	return {
		importId: stored.id,
		filename: stored.filename,
		rowCount: stored.rowCount,
		totalInvestment: stored.totalInvestment,
		status: stored.status,
		createdAt: stored.createdAt.toISOString(),
		committedAt: stored.committedAt?.toISOString() ?? null,
		firstSeq: stored.firstSeq,
		lastSeq: stored.lastSeq,
		warnings: stored.warnings.slice(0, LISTED_ISSUES),
		warningCount: stored.warnings.length,
		sample: stored.rows.slice(0, SAMPLE_ROWS),
		hasDuplicates: stored.warnings.some(isDuplicateWarning)
	};
}

export interface CommitResult {
	importId: string;
	rowCount: number;
	totalInvestment: number;
	firstSeq: number;
	lastSeq: number;
}

/**
 * Signs every row of a stored preview into the ledger, as the importing user, in ONE immediate
 * transaction: all rows or none, and no other writer can chain onto the ledger in between. A
 * second commit of the same import is refused, so a resubmitted form records nothing twice.
 * Like a single deal, probable duplicates must be acknowledged by a human.
 */
export function commitImport(
	db: Db,
	input: { importId: string; acknowledgeDuplicates: boolean },
	actor: DealActor
): Promise<CommitResult> {
	return lockedTransaction(db, [LEDGER_LOCK], async (tx): Promise<CommitResult> => {
		const { conferences, dealImports } = tables(tx);
		const stored = await ownImport(tx, input.importId, actor);
		if (stored.status === 'committed') {
			throw new AppError(
				'CONFLICT',
				'import_already_committed',
				`import ${stored.id} was committed already`,
				{ firstSeq: stored.firstSeq, lastSeq: stored.lastSeq }
			);
		}
		if (!input.acknowledgeDuplicates && stored.warnings.some(isDuplicateWarning)) {
			throw new AppError(
				'CONFLICT',
				'probable_duplicate',
				'the import holds probable duplicates; acknowledge them to commit'
			);
		}
		// A conference removed since the preview; chains and units are held by foreign keys.
		const known = new Set(
			(await tx.select({ id: conferences.id }).from(conferences)).map((c) => c.id)
		);
		for (const { row, facts } of stored.rows) {
			if (facts.signingEvent !== EVERYDAY_SIGNING && !known.has(facts.signingEvent))
				throw new AppError('BAD_REQUEST', 'unknown_signing_event', `row ${row}`, { row });
		}

		const recordedAt = actor.now.toISOString();
		// Read once, carried through the rows: they are appended in this one transaction.
		const chain = await readChain(tx);
		let firstSeq = 0;
		let lastSeq = 0;
		for (const { row, facts } of stored.rows) {
			try {
				const { entry } = await appendToLedger(
					tx,
					{
						dealId: null,
						event: { type: 'signed', facts },
						occurredOn: facts.signedOn,
						recordedAt,
						recordedBy: actor.user.login,
						requestId: `${stored.id}:${row}`
					},
					chain
				);
				firstSeq ||= entry.seq;
				lastSeq = entry.seq;
			} catch (error) {
				if (error instanceof LedgerRefusal)
					throw new AppError('BAD_REQUEST', error.reason, `row ${row}: ${error.message}`, {
						row
					});
				throw error;
			}
		}
		await tx
			.update(dealImports)
			.set({ status: 'committed', committedAt: actor.now, firstSeq, lastSeq })
			.where(eq(dealImports.id, stored.id));
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'deals_imported',
				subjectType: 'deal_import',
				subjectId: stored.id,
				detail: {
					filename: stored.filename,
					rows: stored.rowCount,
					totalInvestment: stored.totalInvestment,
					firstSeq,
					lastSeq
				}
			},
			actor.now
		);
		return {
			importId: stored.id,
			rowCount: stored.rowCount,
			totalInvestment: stored.totalInvestment,
			firstSeq,
			lastSeq
		};
	});
}

/** The import template, its lists drawn from the console's current names. */
export async function importTemplate(db: Db, actor: DealActor): Promise<SheetDownload> {
	return download(
		TEMPLATE_FILENAME,
		await buildTemplate(await referenceData(db), beijingDate(actor.now))
	);
}

type ListFilter = Omit<ledgerQueries.DealListQuery, 'page' | 'pageSize'>;

/** Every deal the filter selects (not one page), in the list's order; audited. */
export async function exportDeals(
	db: Db,
	input: ListFilter & { format: SheetFormat },
	actor: DealActor
): Promise<SheetDownload> {
	const { format, ...filter } = input;
	// One read transaction: the head written on the file is the one these rows were read at.
	const { rows, head, isExhibitor } = await readTransaction(db, async (tx) => ({
		rows: (await ledgerQueries.listDeals(tx, { ...filter, page: 1, pageSize: 1_000_000_000 })).rows,
		head: await ledgerStore.readHead(tx),
		isExhibitor: await exhibitorInvestors(tx)
	}));
	const bytes = await writeTable(
		dealTable(rows, await referenceData(db), head, isExhibitor),
		format
	);
	await recordAudit(
		db,
		{
			actor: actor.user,
			source: actor.source,
			action: 'deals_exported',
			subjectType: 'deals',
			detail: { scope: 'list', format, rows: rows.length, filter }
		},
		actor.now
	);
	return download(exportFilename('签约项目', format, actor.now), bytes);
}

/** Every ledger entry, in sequence; audited. */
export async function exportLedger(
	db: Db,
	input: { format: SheetFormat },
	actor: DealActor
): Promise<SheetDownload> {
	const entries = await ledgerStore.loadEntries(db);
	const bytes = await writeTable(ledgerTable(entries), input.format);
	await recordAudit(
		db,
		{
			actor: actor.user,
			source: actor.source,
			action: 'deals_exported',
			subjectType: 'ledger',
			detail: { scope: 'ledger', format: input.format, rows: entries.length }
		},
		actor.now
	);
	return download(exportFilename('签约台账', input.format, actor.now), bytes);
}
