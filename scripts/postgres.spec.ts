import { describe, expect, test } from 'vitest';
import { hasPostgres, missingPostgresSentence } from './postgres.mjs';

const files = (paths: string[]) => (path: string) => paths.includes(path);

describe('finding PostgreSQL for the server-database tests', () => {
	test('its programs on PATH are enough', () => {
		const exists = files(['/opt/pg/bin/initdb', '/opt/pg/bin/pg_ctl']);
		expect(hasPostgres({ PATH: '/usr/bin:/opt/pg/bin' }, exists, () => [])).toBe(true);
	});

	test("Debian's versioned directory is found off PATH", () => {
		const exists = files(['/usr/lib/postgresql', '/usr/lib/postgresql/15/bin/pg_ctl']);
		expect(hasPostgres({ PATH: '/usr/bin' }, exists, () => ['15'])).toBe(true);
	});

	test('half an installation (initdb without pg_ctl) is not one', () => {
		const exists = files(['/opt/pg/bin/initdb']);
		expect(hasPostgres({ PATH: '/opt/pg/bin' }, exists, () => [])).toBe(false);
	});

	test('what to install is said in one sentence', () => {
		expect(missingPostgresSentence()).toMatch(/apt-get install -y postgresql/);
	});
});
