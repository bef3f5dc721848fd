import type { createAdminCaller, ScannerIdentity, StaffRole, StaffUser } from '@huizhan/api';

declare global {
	namespace App {
		interface Locals {
			/** The signed-in staff member, or null. */
			user: StaffUser | null;
			/** A scanner device that sent its bearer token to the HTTP API, or null. */
			device: ScannerIdentity | null;
			/** This request's session token, when signed in. */
			sessionToken: string | undefined;
			/** The admin router, called in-process as this user. */
			api: ReturnType<typeof createAdminCaller>;
		}
		interface Error {
			message: string;
			/** On a 403: the roles that would open the page. */
			requiredRoles?: StaffRole[];
		}
	}
}

export {};
