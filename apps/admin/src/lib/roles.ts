import type { StaffRole } from '@huizhan/api';
import { m } from '$lib/paraglide/messages';

export const ROLES: readonly StaffRole[] = ['admin', 'recorder', 'door', 'leader'];

const LABEL: Record<StaffRole, () => string> = {
	admin: m.role_admin,
	recorder: m.role_recorder,
	door: m.role_door,
	leader: m.role_leader
};

export const roleLabel = (role: StaffRole): string => LABEL[role]();
