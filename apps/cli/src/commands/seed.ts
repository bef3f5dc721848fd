import { ensureDemoStaff } from '@huizhan/api';
import { createDb } from '@huizhan/db';
import { seedDemo, seedDemoDeals, seedDemoRegistrations } from '@huizhan/db/seed';
import type { Command } from './command.ts';

export const seed: Command = {
	usage:
		'seed --demo             create the demo conferences, targets, chains, units, gates, deals and (demo mode) staff',
	async run({ config, flags, out, err }) {
		if (!flags.demo) {
			err('seed: only demo data can be seeded; run `huizhan seed --demo`');
			return 2;
		}
		const { db, close } = createDb({ path: config.databasePath });
		try {
			const { created } = seedDemo(db);
			const total = Object.values(created).reduce((a, b) => a + b, 0);
			out(
				total === 0
					? `demo data already present in ${config.databasePath}; nothing created`
					: `demo data created in ${config.databasePath}: ${Object.entries(created)
							.map(([table, n]) => `${n} ${table}`)
							.join(', ')}`
			);
			const entries = seedDemoDeals(db);
			if (entries > 0) out(`demo deals recorded in the signing ledger: ${entries} entries`);
			const people = seedDemoRegistrations(db);
			if (people > 0) out(`demo registrations created: ${people}`);
			if (config.mode === 'production') {
				out('HUIZHAN_MODE=production: no demo staff accounts created (use `huizhan user add`)');
			} else {
				const staff = await ensureDemoStaff(db, config.demoPassword, new Date());
				if (staff.length > 0) out(`demo staff created: ${staff.join(', ')}`);
			}
			return 0;
		} finally {
			close();
		}
	}
};
