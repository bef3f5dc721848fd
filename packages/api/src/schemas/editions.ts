import { z } from 'zod';
import { schema } from '@huizhan/db';
import { parseTargetValue, TARGET_METRICS } from '@huizhan/ledger';
import { optionalText, text } from './text.ts';

/*
 * The console's edition forms and the tRPC procedures share these schemas. Messages are stable
 * codes the console translates and shows beside each field.
 */

const isoDate = z
	.string({ error: 'required' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format' })
	.refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: 'date_format' });

/** A moment with its offset, e.g. `2026-08-01T00:00:00+08:00`; the console sends Beijing time. */
const instant = z
	.string({ error: 'required' })
	.pipe(z.iso.datetime({ offset: true, error: 'datetime_format' }))
	.transform((v) => new Date(v));

export const editionId = z
	.string({ error: 'required' })
	.trim()
	.toLowerCase()
	.regex(/^[a-z0-9][a-z0-9-]{1,39}$/, { error: 'edition_id_format' });

const color = z
	.string({ error: 'required' })
	.trim()
	.toLowerCase()
	.regex(/^#[0-9a-f]{6}$/, { error: 'color_format' });

const editionFieldsObject = z.object({
	nameZh: text(100),
	nameEn: text(100),
	startsOn: isoDate,
	endsOn: isoDate,
	venueZh: text(200),
	venueEn: text(200),
	themeColor: color,
	/** `WSC26` in `WSC26-7K3Q9M`: a capital letter, then 1–7 capitals or digits. */
	refPrefix: z
		.string({ error: 'required' })
		.trim()
		.toUpperCase()
		.regex(/^[A-Z][A-Z0-9]{1,7}$/, { error: 'ref_prefix_format' }),
	registrationOpensAt: instant,
	registrationClosesAt: instant
});

type EditionFields = z.output<typeof editionFieldsObject>;

/** Each rule that spans two fields reports on the later one, where the form shows it. */
function checkOrder(input: Partial<EditionFields>, ctx: z.core.$RefinementCtx) {
	if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
		ctx.addIssue({ code: 'custom', message: 'dates_order', path: ['endsOn'] });
	}
	if (
		input.registrationOpensAt &&
		input.registrationClosesAt &&
		input.registrationOpensAt >= input.registrationClosesAt
	) {
		ctx.addIssue({ code: 'custom', message: 'window_order', path: ['registrationClosesAt'] });
	}
}

export const targetDraft = z
	.object({
		metric: z.enum(TARGET_METRICS, { error: 'required' }),
		/**
		 * As the organiser types it (`500亿`, `12.5亿`, `10`) or as a whole number (an edition file):
		 * 元 for amount metrics, projects for count metrics, read by the same `parseTargetValue`
		 * as 设置 › 目标.
		 */
		value: z.union([z.number(), z.string()], { error: 'target_value_empty' }),
		periodStart: isoDate,
		periodEnd: isoDate
	})
	.transform((target, ctx) => {
		const parsed = parseTargetValue(target.metric, String(target.value));
		if (!parsed.ok) {
			ctx.addIssue({ code: 'custom', message: `target_value_${parsed.reason}`, path: ['value'] });
			return z.NEVER;
		}
		return { ...target, value: parsed.value };
	});

export const createEditionInput = editionFieldsObject
	.extend({
		id: editionId,
		/** Copy categories, gates and targets from this edition. */
		copyFrom: editionId.optional(),
		/** With `copyFrom`: the targets as edited in the form; omitted, the copied ones a year on. */
		targets: z.array(targetDraft).max(20).optional()
	})
	.superRefine(checkOrder);
export type CreateEditionInput = z.output<typeof createEditionInput>;

export const updateEditionInput = editionFieldsObject
	.extend({ id: editionId })
	.superRefine(checkOrder);
export type UpdateEditionInput = z.output<typeof updateEditionInput>;

export const editionInput = z.object({ id: editionId });
export const copyDraftInput = z.object({ from: editionId });

export const setStatusInput = z.object({
	id: editionId,
	status: z.enum(schema.CONFERENCE_STATUSES, { error: 'required' })
});

export const updateCategoryInput = z.object({
	conferenceId: editionId,
	category: z.enum(schema.ATTENDEE_CATEGORIES, { error: 'category_unknown' }),
	nameZh: optionalText(40),
	nameEn: optionalText(60),
	descriptionZh: optionalText(300),
	descriptionEn: optionalText(500),
	color,
	/** Seats; null (or an empty field) means no limit. */
	capacity: z
		.union([z.literal('').transform(() => null), z.null(), z.coerce.number()])
		.pipe(
			z
				.number({ error: 'capacity_invalid' })
				.int({ error: 'capacity_invalid' })
				.min(0, { error: 'capacity_invalid' })
				.max(1_000_000, { error: 'capacity_invalid' })
				.nullable()
		),
	needsApproval: z.boolean(),
	/** 凭邀请: only an invitation or a delegation admits; the open form neither offers nor takes it. */
	byInvitation: z.boolean(),
	/** 安保审查: every registration waits in `pending_vetting` for the security office's verdict. */
	needsVetting: z.boolean(),
	open: z.boolean(),
	sortOrder: z.coerce.number().int().min(0).max(99)
});
export type UpdateCategoryInput = z.output<typeof updateCategoryInput>;
