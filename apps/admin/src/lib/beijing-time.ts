/*
 * The console's date-time fields are in Beijing time whatever the browser's zone: organisers
 * think in it, and the server (not the browser) turns a field into a moment.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;

/** `2026-08-01T00:00:00.000Z`-style instant → `2026-08-01T08:00` for a datetime-local field. */
export const toBeijingField = (iso: string): string =>
	new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 16);

/** A datetime-local field's value, read as Beijing time → an instant with its offset. */
export const fromBeijingField = (value: string): string =>
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value;
