/**
 * Where the end-to-end run serves the two built apps: not the `npm start` ports, so both can run.
 * `E2E_PORT_BASE` moves the whole block (two shared apps at base and base+1, own-instance tests
 * at base+70…base+99) so two checkouts on one machine can run their suites side by side.
 */
const BASE = Number(process.env.E2E_PORT_BASE ?? 3100);

export const ATTENDEE_PORT = BASE;
export const ADMIN_PORT = BASE + 1;
export const ATTENDEE = `http://127.0.0.1:${ATTENDEE_PORT}`;
export const ADMIN = `http://127.0.0.1:${ADMIN_PORT}`;

/** A port for a test that starts its own app instance; `slot` 0–29, each used by one test file. */
export function ownPort(slot: number): number {
	if (!Number.isInteger(slot) || slot < 0 || slot > 29) throw new Error(`no port slot ${slot}`);
	return BASE + 70 + slot;
}
