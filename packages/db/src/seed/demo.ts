import type { Db } from '../client.ts';
import { assertDemoDatabase } from '../installation.ts';
import {
	checkpoints,
	conferenceCategories,
	conferences,
	industryChains,
	responsibleUnits,
	targets
} from '../schema/index.ts';
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
 * Beijing day open for registration), targets, chains, units and checkpoints that are missing, in one
 * transaction. Running it again creates nothing and changes nothing an admin has edited. Refused
 * (`ProductionDatabaseRefusal`) in a production database; an undecided one becomes a demo one.
 */
export function seedDemo(db: Db, now: Date = new Date()): SeedReport {
	return db.transaction((tx) => {
		assertDemoDatabase(tx, 'demo data');
		const count = (result: { changes: number }) => result.changes;
		const created = {
			conferences: count(
				tx.insert(conferences).values(demoConferences(now)).onConflictDoNothing().run()
			),
			conferenceCategories: count(
				tx.insert(conferenceCategories).values(demoCategories(now)).onConflictDoNothing().run()
			),
			industryChains: count(
				tx.insert(industryChains).values(demoIndustryChains).onConflictDoNothing().run()
			),
			responsibleUnits: count(
				tx.insert(responsibleUnits).values(demoResponsibleUnits).onConflictDoNothing().run()
			),
			// After the units: unit targets refer to them.
			targets: count(tx.insert(targets).values(demoTargets(now)).onConflictDoNothing().run()),
			checkpoints: count(
				tx.insert(checkpoints).values(demoCheckpoints(now)).onConflictDoNothing().run()
			)
		};
		return { created };
	});
}
