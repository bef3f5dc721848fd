import { createDb, rebuildProjection, verifyLedger } from '@huizhan/db';
import type { Command } from './command.ts';

export const ledger: Command = {
	usage: 'ledger verify | rebuild   check the hash chain and projection, or rebuild the projection',
	run({ config, args, out, err }) {
		const [sub] = args;
		if (sub !== 'verify' && sub !== 'rebuild') {
			err('ledger: usage: huizhan ledger verify | huizhan ledger rebuild');
			return 2;
		}
		const { db, close } = createDb({ path: config.databasePath });
		try {
			if (sub === 'rebuild') {
				const count = rebuildProjection(db);
				out(`projection rebuilt from the ledger: ${count} deals`);
				return 0;
			}
			const result = verifyLedger(db);
			if (result.ok) {
				out(
					`ledger ok: ${result.entries} entries, ${result.deals} deals, head ${result.headHash.slice(0, 12)}`
				);
				return 0;
			}
			const where = [
				result.seq !== null ? `entry seq ${result.seq}` : null,
				result.dealId ? `deal ${result.dealId}` : null
			]
				.filter(Boolean)
				.join(', ');
			err(`ledger BROKEN at ${where || 'unknown entry'}: ${result.problem}`);
			return 1;
		} finally {
			close();
		}
	}
};
