import type { createAttendeeCaller } from '@huizhan/api';

declare global {
	namespace App {
		interface Locals {
			/** The attendee router, called in-process for this request. */
			api: ReturnType<typeof createAttendeeCaller>;
		}
	}
}

export {};
