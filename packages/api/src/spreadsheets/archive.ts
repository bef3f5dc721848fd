import { inflateRawSync } from 'node:zlib';
import { Unzip, unzipSync, type AsyncFlateStreamHandler, type UnzipDecoder } from 'fflate';

/*
 * An .xlsx is a zip, and a zip of 1 MB can inflate to hundreds of MB in the process that also
 * serves the door. Before exceljs opens one, the archive is checked twice: by what its central
 * directory declares (sizes, ratio, number of entries: cheap, nothing inflated), and by what it
 * really inflates to, entry by entry from the local headers — the view exceljs's own unzipper
 * takes — stopping at the limit, so a file that lies about its sizes is caught too.
 *
 * fflate does both (`unzipSync` with a filter reads the central directory without inflating;
 * `Unzip` walks the local entries and takes a decoder of our own, here Node's zlib), and has no
 * dependencies; yauzl reads only the central directory, through a file or a random-access reader.
 */

/**
 * What an upload may inflate to, every entry together. A 10,000-row import with notes in every
 * row is 5 MB of XML; this leaves room for styles and extra sheets, while keeping what the
 * whole-workbook reader builds from it to a few hundred MB at worst.
 */
export const MAX_UNZIPPED_BYTES = 32 * 1024 * 1024;
/** XML compresses 5–20×; more than this for a sizeable entry is a bomb, not a spreadsheet. */
export const MAX_RATIO = 100;
/** Entries below this size may have any ratio (a tiny entry of repeated text compresses well). */
const RATIO_FLOOR = 1024 * 1024;
/** A workbook holds a few dozen entries. */
export const MAX_ENTRIES = 1000;

export type ArchiveProblem = 'archive_too_large' | 'unreadable_file';

export class ArchiveError extends Error {
	constructor(readonly code: ArchiveProblem) {
		super(`refused archive: ${code}`);
		this.name = 'ArchiveError';
	}
}

/** Throws `ArchiveError` unless the zip is small enough once inflated, by declaration and in fact. */
export function checkArchive(bytes: Uint8Array): void {
	checkDeclared(bytes);
	checkInflated(bytes);
}

function checkDeclared(bytes: Uint8Array): void {
	let entries = 0;
	let total = 0;
	let tooLarge = false;
	try {
		unzipSync(bytes, {
			filter: ({ size, originalSize }) => {
				entries += 1;
				total += originalSize;
				if (originalSize > RATIO_FLOOR && originalSize > MAX_RATIO * Math.max(size, 1))
					tooLarge = true;
				return false;
			}
		});
	} catch {
		throw new ArchiveError('unreadable_file');
	}
	if (tooLarge || entries > MAX_ENTRIES || total > MAX_UNZIPPED_BYTES)
		throw new ArchiveError('archive_too_large');
}

/** Thrown out of fflate's callbacks to stop at once. */
class Stop extends Error {}

function checkInflated(bytes: Uint8Array): void {
	let total = 0;
	let entries = 0;
	/**
	 * Inflates a deflated entry with Node's zlib, several times faster than fflate's own
	 * JavaScript inflate, and never to more than what is left of the limit (plus one byte, to
	 * know it was passed): `maxOutputLength` stops zlib there.
	 */
	class NativeInflate implements UnzipDecoder {
		static readonly compression = 8;
		ondata: AsyncFlateStreamHandler = () => {};
		private readonly chunks: Buffer[] = [];
		push(chunk: Uint8Array, final: boolean): void {
			this.chunks.push(Buffer.from(chunk));
			if (!final) return;
			let inflated: Buffer;
			try {
				inflated = inflateRawSync(Buffer.concat(this.chunks), {
					maxOutputLength: MAX_UNZIPPED_BYTES - total + 1
				});
			} catch (error) {
				if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new Stop();
				throw error;
			}
			this.ondata(
				null,
				new Uint8Array(
					inflated.buffer,
					inflated.byteOffset,
					inflated.length
				) as Uint8Array<ArrayBuffer>,
				true
			);
		}
	}
	const unzip = new Unzip((file) => {
		entries += 1;
		if (entries > MAX_ENTRIES) throw new Stop();
		file.ondata = (error, chunk) => {
			if (error) throw error;
			total += chunk.length;
			if (total > MAX_UNZIPPED_BYTES) throw new Stop();
		};
		file.start();
	});
	unzip.register(NativeInflate);
	try {
		unzip.push(bytes, true);
	} catch (error) {
		if (error instanceof Stop) throw new ArchiveError('archive_too_large');
		throw new ArchiveError('unreadable_file');
	}
}
