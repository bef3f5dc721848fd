import type { Db } from '../types.ts';
import { assertDemoDatabase } from '../installation.ts';
import { tables } from '../tables.ts';
import { seedDemoAgenda } from './agenda.ts';
import {
	demoCategories,
	demoCheckpoints,
	demoConferences,
	demoIndustryChains,
	demoResponsibleUnits,
	demoTargets
} from './demo-data.ts';

export interface SeedReport {
	/** Rows created per table; zero everywhere when the demo data was already there. */
	created: Record<string, number>;
}

/**
 * Creates the demo conferences (2024 as closed history, and the next editions after `now`'s
 * Beijing day open for registration), targets, chains, units, checkpoints and the current editions'
 * agendas that are missing, in one
 * transaction. Running it again creates nothing and changes nothing an admin has edited. Refused
 * (`ProductionDatabaseRefusal`) in a production database; an undecided one becomes a demo one.
 */
export async function seedDemo(db: Db, now: Date = new Date()): Promise<SeedReport> {
	return db.transaction(async (tx) => {
		const {
			checkpoints,
			conferenceCategories,
			conferences,
			industryChains,
			responsibleUnits,
			targets
		} = tables(tx);
		await assertDemoDatabase(tx, 'demo data');
		// The rows actually inserted: those already there (or edited since) are left alone.
		const count = async (inserted: Promise<unknown[]>) => (await inserted).length;
		const created = {
			conferences: await count(
				tx.insert(conferences).values(demoConferences(now)).onConflictDoNothing().returning()
			),
			conferenceCategories: await count(
				tx
					.insert(conferenceCategories)
					.values(demoCategories(now))
					.onConflictDoNothing()
					.returning()
			),
			industryChains: await count(
				tx.insert(industryChains).values(demoIndustryChains).onConflictDoNothing().returning()
			),
			responsibleUnits: await count(
				tx.insert(responsibleUnits).values(demoResponsibleUnits).onConflictDoNothing().returning()
			),
			// After the units: unit targets refer to them.
			targets: await count(
				tx.insert(targets).values(demoTargets(now)).onConflictDoNothing().returning()
			),
			checkpoints: await count(
				tx.insert(checkpoints).values(demoCheckpoints(now)).onConflictDoNothing().returning()
			),
			// After the conferences: each current edition gets the demo agenda unless it has one.
			agendaSessions: await seedDemoAgenda(tx, now)
		};
		return { created };
	});
}
