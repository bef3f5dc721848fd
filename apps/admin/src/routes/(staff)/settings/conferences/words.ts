import { m } from '$lib/paraglide/messages';

type Status = 'draft' | 'open' | 'closed' | 'archived';

const STATUS_WORDS: Record<Status, () => string> = {
	draft: m.editions_status_draft,
	open: m.editions_status_open,
	closed: m.editions_status_closed,
	archived: m.editions_status_archived
};

/** An edition's status in the reader's language. */
export const statusText = (status: Status): string => STATUS_WORDS[status]();

const MOVE_WORDS: Record<Status, () => string> = {
	draft: m.editions_status_draft,
	open: m.editions_move_open,
	closed: m.editions_move_closed,
	archived: m.editions_move_archived
};

/** The button that moves an edition to `status`. */
export const moveText = (status: Status): string => MOVE_WORDS[status]();
