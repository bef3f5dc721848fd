import {
	beijingDay,
	currentDemoEditions,
	type CurrentEdition
} from '@huizhan/db/seed/current-editions';
import { ROOT, sqliteValue } from './processes.ts';

/** The run's shared demo database, made by support/serve.mjs before either app starts. */
export const SHARED_DATABASE = `${ROOT}.test-results/e2e-data/huizhan.db`;

/**
 * The Beijing day a demo database was made (its installation row), from which the seed chose its
 * current editions: read rather than assumed to be today, so a run that crosses midnight still
 * names the editions its database holds.
 */
export function demoCreatedOn(databasePath = SHARED_DATABASE): string {
	const createdAt = sqliteValue(databasePath, 'SELECT created_at FROM installation WHERE id = 1');
	if (typeof createdAt !== 'number') throw new Error(`${databasePath} holds no demo database yet`);
	return beijingDay(new Date(createdAt));
}

export interface DemoEditions {
	/** `wsc-2027` when the demo was made on 2026-11-29; its references start `WSC27-`. */
	sensor: CurrentEdition & { nameZh: string; nameEn: string };
	diamond: CurrentEdition & { nameZh: string; nameEn: string };
}

const named = (edition: CurrentEdition | undefined) => {
	if (!edition) throw new Error('the demo has no such series');
	const [zh, en] =
		edition.series === 'wsc'
			? ['世界传感器大会', 'World Sensor Conference']
			: ['世界金刚石大会', 'World Diamond Conference'];
	return { ...edition, nameZh: `${edition.year}${zh}`, nameEn: `${edition.year} ${en}` };
};

/** The demo's editions open for registration in a demo database made on `createdOn`. */
export function demoEditionsOn(createdOn: string): DemoEditions {
	const editions = currentDemoEditions(createdOn);
	return {
		sensor: named(editions.find((e) => e.series === 'wsc')),
		diamond: named(editions.find((e) => e.series === 'diamond'))
	};
}

let shared: DemoEditions | undefined;

/**
 * The open editions of the shared demo database, for tests that register, show tickets or fill
 * forms; 2024's history keeps its ids (`wsc-2024`). Call it inside a test: the database exists
 * only once the run's web server has started, after the test files are listed.
 */
export function current(): DemoEditions {
	shared ??= demoEditionsOn(demoCreatedOn());
	return shared;
}

/** An ISO date as a calendar file writes it, `days` later: `2027-11-05`, 1 → `20271106`. */
export function icsDate(isoDate: string, days = 0): string {
	const at = new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 24 * 60 * 60 * 1000);
	return at.toISOString().slice(0, 10).replaceAll('-', '');
}
