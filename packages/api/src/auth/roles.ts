import { schema } from '@huizhan/db';

export type StaffRole = schema.StaffRole;
export const STAFF_ROLES = schema.STAFF_ROLES;

/** Everyone who can sign in to the console. */
export const ALL_STAFF: readonly StaffRole[] = STAFF_ROLES;

/** The signed-in person, as every staff procedure and page sees them. */
export interface StaffUser {
	id: number;
	login: string;
	displayName: string;
	roles: StaffRole[];
}

export const hasAnyRole = (user: StaffUser | null, roles: readonly StaffRole[]): boolean =>
	user !== null && roles.some((role) => user.roles.includes(role));
