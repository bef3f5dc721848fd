import { createUser, passwordProblem, STAFF_ROLES, type StaffRole } from '@huizhan/api';
import { createDb } from '@huizhan/db';
import { readPassword } from '../password-prompt.ts';
import type { Command } from './command.ts';

export const user: Command = {
	usage:
		'user add <login> --role R [--role R] [--name 姓名]   create a staff account; password from a prompt or stdin',
	async run({ config, args, flags, out, err, stdin }) {
		const [sub, rawLogin] = args;
		if (sub !== 'add' || !rawLogin) {
			err('user: usage: huizhan user add <login> --role admin [--role recorder] [--name 姓名]');
			return 2;
		}
		const login = rawLogin.trim().toLowerCase();
		const roles = (Array.isArray(flags.role) ? flags.role : [flags.role]).filter(
			(r): r is string => typeof r === 'string'
		);
		const unknown = roles.filter((r) => !(STAFF_ROLES as readonly string[]).includes(r));
		if (roles.length === 0 || unknown.length > 0) {
			err(
				`user add: give one or more --role of ${STAFF_ROLES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`
			);
			return 2;
		}
		const password = await readPassword(stdin, `password for ${login}: `);
		if (password === null) {
			err('user add: no password given (type it at the prompt, or pipe it on stdin)');
			return 2;
		}
		const problem = passwordProblem(password, login);
		if (problem) {
			err(
				`user add: password refused (${problem.replace(/_/g, ' ')}); use at least 10 characters, not a common password, not containing the login`
			);
			return 2;
		}
		const { db, close } = await createDb(config.database);
		try {
			const created = await createUser(
				db,
				{
					login,
					displayName: typeof flags.name === 'string' ? flags.name : login,
					password,
					roles: roles as StaffRole[]
				},
				{ user: null, source: 'cli', now: new Date() }
			);
			out(`created staff account ${created.login} (${created.roles.join(', ')})`);
			return 0;
		} catch (error) {
			const reason = (error as { reason?: string }).reason;
			if (reason) {
				err(`user add: ${reason.replace(/_/g, ' ')}`);
				return 1;
			}
			throw error;
		} finally {
			await close();
		}
	}
};
