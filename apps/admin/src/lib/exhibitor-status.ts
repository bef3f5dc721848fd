import type { ExhibitorStatus } from '@huizhan/ledger';
import { m } from '$lib/paraglide/messages';

const STATUS: Record<ExhibitorStatus, () => string> = {
	pending: m.exhibitors_status_pending,
	changes_requested: m.exhibitors_status_changes_requested,
	approved: m.exhibitors_status_approved,
	rejected: m.exhibitors_status_rejected,
	withdrawn: m.exhibitors_status_withdrawn
};

/** An application's status in the console's language. */
export const exhibitorStatusLabel = (status: ExhibitorStatus): string => STATUS[status]();
