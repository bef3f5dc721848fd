import type { Yuan } from './money.ts';

/*
 * The vocabulary of the signing ledger (签约台账), docs/architecture.md, “The path of a deal”. These types are the contract
 * between the pure fold here and the storage in packages/db: an entry is stored exactly as
 * typed, and replaying the stored entries through `foldLedger` must give what the projection
 * tables hold.
 */

/** 正式合同 contract / 框架协议 framework / 意向协议 intent. */
export const AGREEMENT_TYPES = ['contract', 'framework', 'intent'] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

/** 签约 signed → 落地 landed → 开工 started → 投产 in production; a deal only moves forward. */
export const DEAL_STAGES = ['signed', 'landed', 'started', 'in_production'] as const;
export type DealStage = (typeof DEAL_STAGES)[number];
export type LaterStage = Exclude<DealStage, 'signed'>;

/** 本省 in the province / 省外 elsewhere in China / 境外 abroad. */
export const INVESTOR_ORIGINS = ['in_province', 'out_of_province', 'overseas'] as const;
export type InvestorOrigin = (typeof INVESTOR_ORIGINS)[number];

/** `signingEvent` of a deal signed outside the conferences (日常签约); otherwise a conference id. */
export const EVERYDAY_SIGNING = 'everyday';

/** What a recorder types about a deal; amended field by field, with a reason. */
export interface DealFacts {
	projectName: string;
	investor: string;
	investorOrigin: InvestorOrigin;
	/** industry_chains.id */
	chainId: number;
	/** responsible_units.id */
	unitId: number;
	/** A conference id (`wsc-2024`) or `everyday`. The first signing keeps the credit. */
	signingEvent: string;
	/** Calendar date in Beijing, `YYYY-MM-DD`. */
	signedOn: string;
	agreementType: AgreementType;
	/** Total investment in whole 元, > 0 and at most `MAX_DEAL_YUAN`. */
	totalInvestment: Yuan;
	/** ISO 4217 code when the agreement is in a foreign currency, else null. */
	foreignCurrency: string | null;
	/** The agreement's amount in that currency, whole units, else null. */
	foreignAmount: number | null;
	/** 元 per unit of the foreign currency as a decimal string (`'7.1234'`), else null. */
	exchangeRate: string | null;
	notes: string;
}

/** Every field of `DealFacts`, in form order: for amendments, imports and forms. */
export const DEAL_FACT_FIELDS = [
	'projectName',
	'investor',
	'investorOrigin',
	'chainId',
	'unitId',
	'signingEvent',
	'signedOn',
	'agreementType',
	'totalInvestment',
	'foreignCurrency',
	'foreignAmount',
	'exchangeRate',
	'notes'
] as const satisfies readonly (keyof DealFacts)[];

/** One thing that happened to a deal. */
export type DealEvent =
	| { type: 'signed'; facts: DealFacts }
	/** Corrects facts; `changes` holds only the fields that change. */
	| { type: 'amended'; changes: Partial<DealFacts>; reason: string }
	/** 框架协议/意向协议 → 正式合同: moves the amount between buckets, adds nothing. */
	| { type: 'upgraded'; on: string }
	/** 增资: only `amount` is new money, credited to `signingEvent` on `signedOn`. */
	| { type: 'increased'; amount: Yuan; signingEvent: string; signedOn: string; note: string }
	| { type: 'advanced'; stage: LaterStage; on: string }
	| { type: 'voided'; reason: string };

export type DealEventType = DealEvent['type'];

/** Signed amount per agreement bucket. */
export interface Buckets {
	contract: Yuan;
	framework: Yuan;
	intent: Yuan;
}

/** One row of the append-only ledger, as stored and as hashed. */
export interface LedgerEntry {
	/** 1, 2, 3, … without gaps. */
	seq: number;
	dealId: string;
	event: DealEvent;
	/** ISO instant the entry was written. */
	recordedAt: string;
	/** Login of the staff member who wrote it. */
	recordedBy: string;
	/** `YYYY-MM-DD`: when it happened in the world (signing date, landing date, …). */
	occurredOn: string;
	/** How the signed amount per bucket changed with this entry (a void gives negatives). */
	delta: Buckets;
	/** Hex SHA-256 of the previous entry; 64 zeros for the first. */
	prevHash: string;
	/** Hex SHA-256 of this entry's canonical form (every field above). */
	hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);
