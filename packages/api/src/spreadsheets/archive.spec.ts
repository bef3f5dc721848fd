import { describe, expect, test } from 'vitest';
import { sampleRow, xlsxOf, zipBomb as bomb } from './fixtures.ts';
import { ArchiveError, checkArchive, MAX_UNZIPPED_BYTES } from './archive.ts';
import { readSheet, SheetReadError } from './read.ts';

const problem = (run: () => unknown) => {
	try {
		run();
		return 'none';
	} catch (error) {
		if (error instanceof ArchiveError) return error.code;
		throw error;
	}
};

describe('an .xlsx archive', () => {
	test('a real workbook passes', async () => {
		const bytes = await xlsxOf([sampleRow(1), sampleRow(2)]);
		expect(problem(() => checkArchive(bytes))).toBe('none');
	});

	test('a small file declaring hundreds of MB inside is refused before anything is inflated', () => {
		const zip = bomb(300);
		expect(zip.length).toBeLessThan(1024 * 1024);
		expect(300 * 1024 * 1024).toBeGreaterThan(MAX_UNZIPPED_BYTES);
		expect(problem(() => checkArchive(zip))).toBe('archive_too_large');
	});

	test('a file that lies about its sizes is stopped by what it really inflates to', () => {
		const zip = bomb(100, 1024);
		expect(problem(() => checkArchive(zip))).toBe('archive_too_large');
	});

	test('the importer refuses such a file with a code of its own', async () => {
		const error = await readSheet(bomb(300)).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(SheetReadError);
		expect((error as SheetReadError).code).toBe('archive_too_large');
	});
});
