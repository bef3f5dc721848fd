import { RateLimiter, type PublicLimits } from '@huizhan/api';
import { config } from './env.ts';

let publicLimits: PublicLimits | undefined;

/**
 * This process's per-address limits on registering and finding tickets, shared by the pages
 * and the HTTP API so neither is a way around the other.
 */
export const limits = (): PublicLimits =>
	(publicLimits ??= {
		register: new RateLimiter(config.registrationsPerMinute, 60_000),
		findTicket: new RateLimiter(Math.max(20, Math.ceil(config.registrationsPerMinute / 3)), 60_000)
	});
