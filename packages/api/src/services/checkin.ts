/*
 * The door check-in service, split along its seams: one scan (`checkin-scan.ts`), uploads of
 * scans decided offline (`checkin-offline.ts`), undo (`checkin-undo.ts`), and the
 * statements and caches they share (`checkin-statements.ts`). The rules of the verdict are not here but in
 * `@huizhan/ledger/checkin`, which the offline scanner in the browser runs too.
 */
export { entryKey } from '@huizhan/ledger/checkin';
export {
	scan,
	UNDO_WINDOW_MS,
	type ScanActor,
	type ScanAnswer,
	type ScanAttendee,
	type ScannerIdentity,
	type ScanRequest
} from './checkin-scan.ts';
export { uploadOfflineScans, type OfflineScanRequest } from './checkin-offline.ts';
export { undoScan, type UndoRequest } from './checkin-undo.ts';
export type { ScanReason, Words } from './checkin-words.ts';
