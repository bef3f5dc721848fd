import { createDb, rebuildProjection, verifyLedger } from '@huizhan/db';
import { headText, MIN_ANCHOR_DIGITS, parseHeadAnchor } from '@huizhan/ledger';
import type { Command } from './command.ts';

export const ledger: Command = {
	usage:
		'ledger verify [--head <seq>:<hash>] | rebuild   check the hash chain and projection (and that an earlier head is still in the chain), or rebuild the projection',
	async run({ config, args, flags, out, err }) {
		const [sub] = args;
		if (sub !== 'verify' && sub !== 'rebuild') {
			err('ledger: usage: huizhan ledger verify [--head <seq>:<hash>] | huizhan ledger rebuild');
			return 2;
		}
		const headFlag = flags['head'];
		if (headFlag !== undefined && sub !== 'verify') {
			err('ledger: --head goes with verify');
			return 2;
		}
		const anchor = typeof headFlag === 'string' ? parseHeadAnchor(headFlag) : undefined;
		if (headFlag !== undefined && !anchor) {
			err(
				`ledger: --head takes a head as shown in the console or on an export, <seq>:<hash>, or the hash alone (at least its first ${MIN_ANCHOR_DIGITS} hex digits)`
			);
			return 2;
		}
		const { db, close } = await createDb(config.database);
		try {
			if (sub === 'rebuild') {
				const count = await rebuildProjection(db);
				out(`projection rebuilt from the ledger: ${count} deals`);
				return 0;
			}
			const result = await verifyLedger(db, anchor ? { anchor } : {});
			if (result.ok) {
				out(
					`ledger ok: ${result.entries} entries, ${result.deals} deals, head ${headText({ seq: result.headSeq, hash: result.headHash })}`
				);
				if (result.anchoredAt)
					out(
						`head ${headText(result.anchoredAt)} is in the chain (entry ${result.anchoredAt.seq} of ${result.entries}): nothing up to it was rewritten`
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
			await close();
		}
	}
};
