import type { PostgresDbOptions, SqliteDbOptions } from './client.ts';

/** The settings that say where the database is, as the apps and the CLI read them. */
export interface DatabaseSettings {
	/** `postgres://…`: the server database. When set, it wins over the file. */
	DATABASE_URL?: string | undefined;
	/** The SQLite file (default `data/huizhan.db`). */
	DATABASE_PATH?: string | undefined;
	/** Connections each process may hold on PostgreSQL (default 10). */
	DATABASE_POOL_SIZE?: string | undefined;
}

export type DatabaseLocation =
	(SqliteDbOptions & { describe: string }) | (PostgresDbOptions & { describe: string });

/**
 * Where the database is, from the settings: PostgreSQL when `DATABASE_URL` is set, otherwise
 * the SQLite file. `describe` names it for messages and logs — never with the password.
 * Throws a sentence an operator can act on when a setting is malformed.
 */
export function databaseLocation(
	settings: DatabaseSettings,
	resolvePath: (path: string) => string
): DatabaseLocation {
	const url = settings.DATABASE_URL?.trim();
	if (!url) {
		const path = resolvePath(settings.DATABASE_PATH || 'data/huizhan.db');
		return { path, describe: path };
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error(
			'DATABASE_URL is not a URL: write it as postgres://user:password@host:5432/huizhan'
		);
	}
	if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:')
		throw new Error(
			`DATABASE_URL must be a postgres:// URL (it is ${parsed.protocol}//…); for SQLite set DATABASE_PATH instead`
		);
	const poolText = settings.DATABASE_POOL_SIZE?.trim() || '10';
	const poolSize = Number(poolText);
	if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 200)
		throw new Error(`DATABASE_POOL_SIZE must be a whole number from 1 to 200 (it is ${poolText})`);
	return { url, poolSize, describe: describeUrl(parsed) };
}

/** `postgres://huizhan@db.internal:5432/huizhan` — the URL without its password. */
function describeUrl(url: URL): string {
	const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
	return `${url.protocol}//${user}${url.host}${url.pathname}`;
}
