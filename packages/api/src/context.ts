import type { TRPCRequestInfo } from '@trpc/server/http';
import type { Db, Writes } from '@huizhan/db';
import type { StaffUser } from './auth/roles.ts';
import type { ScannerIdentity } from './services/checkin.ts';
import { RateLimiter } from './http/rate-limit.ts';

export interface CreateContextOptions {
	db: Db;
	/** Where the high-rate writes go (registrations, deals, scans): the handle's `writes`. */
	writes: Writes;
	/** The signed-in staff member, or null. The app resolves it from the session cookie. */
	user?: StaffUser | null;
	/** A scanner device (PDA, turnstile) that sent its bearer token, or null. */
	device?: ScannerIdentity | null;
	/** The session token of this request, so a password change can keep this session. */
	sessionToken?: string | undefined;
	/** The client's address, for throttling and the audit log. */
	source?: string;
	/**
	 * Whether the request is a tRPC batch (`?batch=1`, tRPC's `info.isBatchCall`): several calls
	 * in one request, which `auth.signIn` refuses.
	 */
	batched?: boolean;
	/** The clock; tests pass a fixed one. */
	now?: () => Date;
	/** Per-address limits for the public forms; the app makes one set per process. */
	limits?: PublicLimits;
	/** Whether attendee messages (mail, SMS) are configured, and how to wake the sender after a commit. */
	mail?: MailHooks;
	/** tRPC's view of an HTTP request (batching, the procedures called); absent in-process. */
	info?: TRPCRequestInfo;
}

export interface MailHooks {
	/** When false (neither `SMTP_URL` nor `SMS_PROVIDER`), nothing is queued: nobody would send it. */
	enabled: boolean;
	/** Which channels this process's sender is configured for; absent: mail only, as `enabled`. */
	channels?: { mail: boolean; sms: boolean };
	/** Called after a transaction that queued a message has committed. */
	kick(): void;
}

const noMail: MailHooks = { enabled: false, kick: () => {} };

export interface PublicLimits {
	register: RateLimiter;
	findTicket: RateLimiter;
}

/** Defaults: a venue's NAT puts many people behind one address, so the limits are generous. */
export const defaultPublicLimits = (): PublicLimits => ({
	register: new RateLimiter(60, 60_000),
	findTicket: new RateLimiter(20, 60_000)
});

const sharedLimits = defaultPublicLimits();

/**
 * The context every procedure receives. Tests and server-side callers (`createCaller`) build it
 * directly; the HTTP adapters build it per request. Nothing here reads the environment.
 */
export function createContextInner({
	db,
	writes,
	user = null,
	device = null,
	sessionToken,
	source = 'unknown',
	batched = false,
	now = () => new Date(),
	limits = sharedLimits,
	mail = noMail,
	info
}: CreateContextOptions) {
	return {
		db,
		writes,
		user,
		device,
		sessionToken,
		source,
		batched,
		now,
		limits,
		mail,
		info
	};
}

export type Context = ReturnType<typeof createContextInner>;
