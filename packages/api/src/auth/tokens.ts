import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, URL-safe: the value of a session cookie. */
export const newSessionToken = (): string => randomBytes(32).toString('base64url');

/** What the database stores instead of the token itself. */
export const hashToken = (token: string): string =>
	createHash('sha256').update(token, 'utf8').digest('hex');
