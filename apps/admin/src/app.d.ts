import type { createAdminCaller } from '@huizhan/api';

declare global {
	namespace App {
		interface Locals {
			/** The admin router, called in-process for this request. */
			api: ReturnType<typeof createAdminCaller>;
		}
	}
}

export {};
