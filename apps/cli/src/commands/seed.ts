import { ensureDemoStaff, ensureTicketKeys } from '@huizhan/api';
import { createDb, installationMode, ProductionDatabaseRefusal } from '@huizhan/db';
import {
	seedDemo,
	seedDemoDeals,
	seedDemoExhibition,
	seedDemoRegistrations
} from '@huizhan/db/seed';
import type { Command } from './command.ts';

export const seed: Command = {
	usage:
		'seed --demo             create a demo database (conferences, targets, gates, deals, demo staff); never in production',
	async run({ config, flags, out, err }) {
		if (!flags.demo) {
			err('seed: only demo data can be seeded; run `huizhan seed --demo`');
			return 2;
		}
		if (config.declaredMode === 'production') {
			err(
				'seed: HUIZHAN_MODE=production: demo data and demo accounts are never added to a production database'
			);
			return 2;
		}
		if (config.declaredMode && config.declaredMode !== 'demo') {
			err(`seed: HUIZHAN_MODE must be "production" or "demo", not "${config.declaredMode}"`);
			return 2;
		}
		// A new file becomes a demo database here; an existing one keeps the mode it was created with.
		const { db, close } = await createDb({ ...config.database, createAs: 'demo' });
		try {
			if ((await installationMode(db)) !== 'demo') {
				err(
					`seed: ${config.database.describe} was created for production: demo data and demo accounts are never added to it`
				);
				return 2;
			}
			// One moment for the whole seed: the current editions and their deals follow its day.
			const now = new Date();
			const { created } = await seedDemo(db, now);
			const total = Object.values(created).reduce((a, b) => a + b, 0);
			out(
				total === 0
					? `demo data already present in ${config.database.describe}; nothing created`
					: `demo data created in ${config.database.describe}: ${Object.entries(created)
							.map(([table, n]) => `${n} ${table}`)
							.join(', ')}`
			);
			// Each edition signs its tickets with its own key from the start, the new ones included.
			const keyed = await ensureTicketKeys(db, now);
			if (keyed.length > 0) out(`ticket keys created for: ${keyed.join(', ')}`);
			const entries = await seedDemoDeals(db, now);
			if (entries > 0) out(`demo deals recorded in the signing ledger: ${entries} entries`);
			const people = await seedDemoRegistrations(db);
			if (people > 0) out(`demo registrations created: ${people}`);
			const staff = await ensureDemoStaff(db, config.demoPassword, now);
			if (staff.length > 0) out(`demo staff created: ${staff.join(', ')}`);
			// After the staff: an admin assigned the demo booths.
			const exhibitors = await seedDemoExhibition(db, now);
			if (exhibitors > 0) out(`demo exhibitors created: ${exhibitors}`);
			return 0;
		} catch (error) {
			if (error instanceof ProductionDatabaseRefusal) {
				err(`seed: ${error.message}`);
				return 2;
			}
			throw error;
		} finally {
			await close();
		}
	}
};
