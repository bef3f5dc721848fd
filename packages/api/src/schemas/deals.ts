import { z } from 'zod';
import {
	AGREEMENT_TYPES,
	DEAL_STAGES,
	INVESTOR_ORIGINS,
	MAX_DEAL_YUAN,
	parseYuan
} from '@huizhan/ledger';
import { text } from './text.ts';

/*
 * One schema per deal command, shared by the tRPC procedures and the admin forms. Error
 * messages are stable codes the admin app translates (`amount_too_precise`, `date_format`, …).
 */

/** An amount as typed (`5.6亿`, `56,000万元`, `５.６亿`) or as whole 元. */
export const amountInput = z.union([z.number(), z.string()]).transform((value, ctx) => {
	if (typeof value === 'number') {
		if (!Number.isSafeInteger(value))
			ctx.addIssue({ code: 'custom', message: 'amount_too_precise' });
		else if (value <= 0)
			ctx.addIssue({ code: 'custom', message: value < 0 ? 'amount_negative' : 'amount_zero' });
		else if (value > MAX_DEAL_YUAN) ctx.addIssue({ code: 'custom', message: 'amount_too_large' });
		else return value;
		return z.NEVER;
	}
	const parsed = parseYuan(value);
	if (!parsed.ok) {
		ctx.addIssue({ code: 'custom', message: `amount_${parsed.reason}` });
		return z.NEVER;
	}
	return parsed.value;
});

const isRealDate = (text: string) => {
	const date = new Date(`${text}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
};

/** A calendar date `YYYY-MM-DD` that exists. */
export const dateInput = z
	.string({ error: 'required' })
	.trim()
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date_format' })
	.refine(isRealDate, { error: 'date_format' });

const id = z.coerce
	.number({ error: 'required' })
	.int({ error: 'required' })
	.positive({ error: 'required' });

/** A client-made id for one write; a retry with the same id records nothing new. */
export const requestId = z.string().trim().min(8).max(100);

export const dealFactsInput = z.object({
	projectName: text(200),
	investor: text(200),
	investorOrigin: z.enum(INVESTOR_ORIGINS, { error: 'required' }),
	chainId: id,
	unitId: id,
	signingEvent: text(64),
	signedOn: dateInput,
	agreementType: z.enum(AGREEMENT_TYPES, { error: 'required' }),
	totalInvestment: amountInput,
	foreignCurrency: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z]{3}$/, { error: 'currency_format' })
		.nullable()
		.default(null),
	foreignAmount: z.coerce.number().int().positive().nullable().default(null),
	exchangeRate: z
		.string()
		.trim()
		.regex(/^\d{1,6}(\.\d{1,6})?$/, { error: 'rate_format' })
		.nullable()
		.default(null),
	notes: z.string().trim().max(2000, { error: 'too_long' }).default('')
});

const existing = { requestId, dealId: text(32), expectedVersion: z.coerce.number().int().min(1) };

export const recordDealInput = z.object({
	requestId,
	facts: dealFactsInput,
	/** The recorder saw the probable duplicates and says this is a different project. */
	acknowledgeDuplicates: z.boolean().default(false)
});

export const amendDealInput = z.object({
	...existing,
	changes: dealFactsInput.partial(),
	reason: text(500)
});
export const upgradeDealInput = z.object({ ...existing, on: dateInput });
export const increaseDealInput = z.object({
	...existing,
	amount: amountInput,
	signingEvent: text(64),
	signedOn: dateInput,
	note: z.string().trim().max(500, { error: 'too_long' }).default('')
});
export const advanceDealInput = z.object({
	...existing,
	stage: z.enum(['landed', 'started', 'in_production'], { error: 'required' }),
	on: dateInput
});
export const voidDealInput = z.object({ ...existing, reason: text(500) });

export const DEAL_SORTS = ['signedOn', 'amount', 'projectName', 'lastRecordedAt'] as const;

export const dealFilterInput = z.object({
	signingEvent: z.string().trim().max(64).optional(),
	chainId: z.coerce.number().int().positive().optional(),
	unitId: z.coerce.number().int().positive().optional(),
	agreementType: z.enum(AGREEMENT_TYPES).optional(),
	stage: z.enum(DEAL_STAGES).optional(),
	investorOrigin: z.enum(INVESTOR_ORIGINS).optional(),
	text: z.string().trim().max(100).optional(),
	includeVoided: z.boolean().default(false)
});

export const dealListInput = dealFilterInput.extend({
	// Newest activity first: a deal just recorded (or back-filled with an old signing date) is
	// at the top of the list, where the recorder looks for it.
	sort: z.enum(DEAL_SORTS).default('lastRecordedAt'),
	direction: z.enum(['asc', 'desc']).default('desc'),
	page: z.coerce.number().int().min(1).max(100_000).default(1),
	pageSize: z.coerce.number().int().min(1).max(500).default(50)
});

export const duplicateCheckInput = z.object({
	investor: z.string().trim().max(200),
	projectName: z.string().trim().max(200),
	excludeDealId: z.string().max(32).optional()
});

export const totalsInput = z
	.object({ asOf: z.string().datetime({ offset: true }).optional() })
	.default({});
