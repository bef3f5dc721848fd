import type { StaffRole } from '@huizhan/api';

/**
 * Where a user lands after signing in. A page they were sent away from (`next`) wins; otherwise
 * door staff, whose only work is at the gate, go straight to check-in instead of a home page of
 * signing targets they may not see.
 */
export function landingPath(roles: readonly StaffRole[], next: string): string {
	if (next !== '/') return next;
	const doorOnly = roles.length > 0 && roles.every((role) => role === 'door');
	return doorOnly ? '/checkin' : '/';
}
