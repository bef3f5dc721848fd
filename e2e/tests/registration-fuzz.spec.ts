import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect, test } from '@playwright/test';
import { demoCreatedOn, demoEditionsOn } from '../support/editions.ts';
import { ownPort } from '../support/origins.ts';
import { exited, huizhan, sqliteValue, startApp } from '../support/processes.ts';

const PORT = ownPort(5);
const ORIGIN = `http://127.0.0.1:${PORT}`;

/** Form fields as a browser (or a bot) might post them: text of any kind, or missing. */
const field = fc.option(
	fc.oneof(
		fc.string(),
		fc.string({ unit: 'grapheme', maxLength: 200 }),
		fc.constantFrom('', ' ', '13800138000', 'vip', 'CN', 'on')
	),
	{ nil: undefined }
);

/** Posts that must be refused: at least one required part broken, the rest anything. */
const malformedForm = fc
	.record({
		category: field,
		name: field,
		organisation: field,
		title: field,
		mobile: field,
		email: field,
		country: field,
		consent: fc.option(fc.constantFrom('on', 'off', 'yes', ''), { nil: undefined })
	})
	.filter(
		(f) =>
			f.consent !== 'on' ||
			!f.name?.trim() ||
			!f.organisation?.trim() ||
			!['visitor', 'delegate', 'exhibitor', 'media', 'vip'].includes(f.category ?? '') ||
			(!f.mobile?.trim() && !f.email?.trim())
	);

test('1,000 generated malformed form posts: never a 500, never a stored row', async () => {
	test.setTimeout(180_000);
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-fuzz-'));
	const path = join(dir, 'huizhan.db');
	const env = { DATABASE_PATH: path, REGISTRATIONS_PER_MINUTE: '1000000' };
	try {
		expect(huizhan(['seed', '--demo'], env).code).toBe(0);
		// The open edition: a closed one would refuse every post before reading it.
		const { sensor } = demoEditionsOn(demoCreatedOn(path));
		const before = sqliteValue(path, 'SELECT count(*) FROM registrations');
		const app = await startApp('attendee', PORT, env);
		try {
			const statuses = new Set<number>();
			for (const form of fc.sample(malformedForm, { numRuns: 1_000, seed: 20241103 })) {
				const body = new URLSearchParams();
				for (const [name, value] of Object.entries(form))
					if (value !== undefined) body.set(name, value);
				const response = await fetch(`${ORIGIN}/c/${sensor.id}/register`, {
					method: 'POST',
					headers: {
						origin: ORIGIN,
						'content-type': 'application/x-www-form-urlencoded',
						accept: 'text/html'
					},
					body,
					redirect: 'manual'
				});
				statuses.add(response.status);
				expect(response.status, JSON.stringify(form)).toBeLessThan(500);
				expect(response.status, JSON.stringify(form)).not.toBe(303);
			}
			expect([...statuses].every((s) => s === 400 || s === 409 || s === 200)).toBe(true);
		} finally {
			app.kill('SIGTERM');
			await exited(app);
		}
		expect(sqliteValue(path, 'SELECT count(*) FROM registrations')).toBe(before);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
