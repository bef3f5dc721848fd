import { z } from 'zod';
import { checkpointInput } from './checkin.ts';
import { editionId, targetDraft, updateCategoryInput, updateEditionInput } from './editions.ts';
import { sessionSettings } from './agenda.ts';
import { questionSettings } from './questions.ts';
import { exhibitionLayout, NO_EXHIBITION } from './booths.ts';

/**
 * An edition's settings as a file (`pnpm huizhan conference export|import`): what an organiser
 * set up, never who registered. Versioned, so a later format can still read this one.
 */
export const EDITION_FILE_FORMAT = 'huizhan.edition/1';

const gate = checkpointInput.omit({ conferenceId: true }).extend({ active: z.boolean() });

export const editionFile = z.object({
	format: z.literal(EDITION_FILE_FORMAT, { error: 'format_unknown' }),
	edition: updateEditionInput,
	categories: z
		.array(
			updateCategoryInput.omit({ conferenceId: true }).extend({
				// Files written before the two flags existed still read: neither was set then.
				byInvitation: z.boolean().default(false),
				needsVetting: z.boolean().default(false)
			})
		)
		.min(1, { error: 'categories_required' })
		.max(20)
		.refine((list) => new Set(list.map((c) => c.category)).size === list.length, {
			error: 'category_twice'
		}),
	gates: z
		.array(gate)
		.max(100)
		.refine((list) => new Set(list.map((g) => g.nameZh)).size === list.length, {
			error: 'gate_name_twice'
		}),
	targets: z.array(targetDraft).max(20),
	/** The categories' registration questions; files written before questions existed have none. */
	questions: z.array(questionSettings).max(200).default([]),
	/** The agenda's sessions with their speakers (never sign-ups); older files have none. */
	sessions: z.array(sessionSettings).max(500).default([]),
	/** The exhibition's rules, halls and booths (never exhibitors); older files have none. */
	exhibition: exhibitionLayout.default(NO_EXHIBITION)
});
export type EditionFile = z.output<typeof editionFile>;

/** What `import` may change on the way in: the id (`--id`) and the ticket prefix (`--prefix`). */
export const importOverrides = z.object({
	id: editionId.optional(),
	refPrefix: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z][A-Z0-9]{1,7}$/, { error: 'ref_prefix_format' })
		.optional()
});
