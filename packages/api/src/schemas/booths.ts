import { z } from 'zod';
import { BOOTH_HOLDS, BOOTH_TYPES, isIsoDate } from '@huizhan/ledger';
import { text } from './text.ts';

/*
 * The commands of the exhibition's halls, booths and rules: one schema each, shared by the tRPC
 * inputs and the console's form actions. Messages are stable codes the console translates.
 */

export const conferenceIdInput = z.string().trim().min(1).max(64);

/** A hall's code is its booths' prefix: letters and digits, as printed on the floor plan. */
const hallCode = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9]{1,8}$/, { error: 'hall_code_format' });
const hallName = text(100);

export const hallInput = z.object({
	conferenceId: conferenceIdInput,
	code: hallCode,
	nameZh: hallName,
	nameEn: hallName,
	sortOrder: z.coerce.number().int().min(0).max(10_000).default(0)
});
export const updateHallInput = hallInput.omit({ conferenceId: true }).extend({
	id: z.coerce.number().int().positive()
});

/** `A-101`, `1A-T03`: letters, digits and dashes, as painted on the booth. */
export const boothNumber = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z0-9][A-Z0-9-]{0,19}$/, { error: 'booth_number_format' });

/** Whole square metres, as the database holds them (`booths_area`). */
export const boothArea = z.coerce
	.number({ error: 'booth_area_whole' })
	.int({ error: 'booth_area_whole' })
	.min(1, { error: 'booth_area_whole' })
	.max(100_000, { error: 'booth_area_too_large' });

export const boothInput = z.object({
	conferenceId: conferenceIdInput,
	hallId: z.coerce.number().int().positive(),
	number: boothNumber,
	areaSquareMetres: boothArea,
	type: z.enum(BOOTH_TYPES, { error: 'booth_type_unknown' })
});
export const updateBoothInput = boothInput.omit({ conferenceId: true }).extend({
	id: z.coerce.number().int().positive()
});

export const boothIdInput = z.object({ boothId: z.coerce.number().int().positive() });

export const holdBoothInput = boothIdInput.extend({
	exhibitorId: z.coerce.number().int().positive(),
	kind: z.enum(BOOTH_HOLDS)
});

const squareMetresPer = z.coerce
	.number({ error: 'rule_square_metres' })
	.int({ error: 'rule_square_metres' })
	.min(1, { error: 'rule_square_metres' })
	.max(10_000, { error: 'rule_square_metres' });
const minimum = z.coerce
	.number({ error: 'rule_minimum' })
	.int({ error: 'rule_minimum' })
	.min(0, { error: 'rule_minimum' })
	.max(1_000, { error: 'rule_minimum' });
const day = z
	.string()
	.trim()
	.refine((d) => d === '' || isIsoDate(d), { error: 'date_format' })
	.transform((d) => (d === '' ? null : d));

export const exhibitionRulesInput = z.object({
	conferenceId: conferenceIdInput,
	applicationsOpen: z.boolean(),
	staffSquareMetresPer: squareMetresPer,
	staffMinimum: minimum,
	setupSquareMetresPer: squareMetresPer,
	setupMinimum: minimum,
	/** Both or neither: `''` or null clears the set-up days. */
	setupStartsOn: day.nullable(),
	setupEndsOn: day.nullable()
});
export type ExhibitionRulesInput = z.output<typeof exhibitionRulesInput>;

/**
 * An edition's exhibition as settings carried to a copy or an edition file: its rules (null when
 * it set none), its halls and their booths. Never exhibitors, holds or leads: those are this
 * edition's companies and people.
 */
export const exhibitionLayout = z.object({
	rules: z
		.object({
			applicationsOpen: z.boolean(),
			staffSquareMetresPer: squareMetresPer,
			staffMinimum: minimum,
			setupSquareMetresPer: squareMetresPer,
			setupMinimum: minimum,
			setupStartsOn: z.string().refine(isIsoDate, { error: 'date_format' }).nullable(),
			setupEndsOn: z.string().refine(isIsoDate, { error: 'date_format' }).nullable()
		})
		.nullable(),
	halls: z
		.array(
			z.object({
				code: hallCode,
				nameZh: hallName,
				nameEn: hallName,
				sortOrder: z.number().int().min(0).max(10_000),
				booths: z
					.array(
						z.object({
							number: boothNumber,
							areaSquareMetres: boothArea,
							type: z.enum(BOOTH_TYPES, { error: 'booth_type_unknown' })
						})
					)
					.max(5_000)
			})
		)
		.max(100)
		.refine((halls) => new Set(halls.map((h) => h.code)).size === halls.length, {
			error: 'hall_code_taken'
		})
		.refine(
			(halls) => {
				const numbers = halls.flatMap((h) => h.booths.map((b) => b.number));
				return new Set(numbers).size === numbers.length;
			},
			{ error: 'booth_number_taken' }
		)
});
export type ExhibitionLayout = z.output<typeof exhibitionLayout>;
export const NO_EXHIBITION: ExhibitionLayout = { rules: null, halls: [] };
