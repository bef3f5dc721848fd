import {
	AppError,
	ensureTicketKeys,
	publicTicketKeys,
	retireTicketKey,
	rotateTicketKey
} from '@huizhan/api';
import { createDb } from '@huizhan/db';
import type { Command } from './command.ts';

const USAGE =
	'keys: usage: huizhan keys list [<conference>] | keys rotate <conference> | keys retire <key id>';

export const keys: Command = {
	usage: 'keys list | rotate <conference> | retire <key id>   ticket signing keys',
	async run({ config, args, out, err }) {
		const [sub, name] = args;
		if (!(sub === 'list' || ((sub === 'rotate' || sub === 'retire') && name))) {
			err(USAGE);
			return 2;
		}
		const { db, close } = await createDb(config.database);
		try {
			const now = new Date();
			// A database the apps have not started on yet has no keys; rotating needs one to rotate.
			await ensureTicketKeys(db, now);
			if (sub === 'rotate') {
				const keyId = await rotateTicketKey(db, name!, now);
				const older = (await publicTicketKeys(db, name!)).filter(
					(k) => k.retiredAt === null && k.keyId !== keyId
				);
				out(`new tickets of ${name} are signed with key ${keyId}`);
				if (older.length > 0) {
					out(
						`still valid until retired: ${older.map((k) => k.keyId).join(', ')} — ` +
							'`huizhan keys retire <key id>` once every ticket has been re-sent'
					);
				}
				return 0;
			}
			if (sub === 'retire') {
				const retired = await retireTicketKey(db, name!, now);
				out(`key ${retired.keyId} of ${retired.conferenceId} retired: its tickets are refused`);
				return 0;
			}
			for (const k of await publicTicketKeys(db, name)) {
				const state = k.retiredAt ? `retired ${k.retiredAt}` : 'valid';
				out(`${k.conferenceId}\t${k.keyId}\t${state}`);
			}
			return 0;
		} catch (error) {
			if (error instanceof AppError) {
				err(`keys: ${error.message}`);
				return 1;
			}
			throw error;
		} finally {
			await close();
		}
	}
};
