export { assertYuan, formatYuan, MAX_DEAL_YUAN, MoneyError, parseYuan, WAN, YI } from './money.ts';
export type { FormatOptions, Locale, ParseYuanFailure, ParseYuanResult, Yuan } from './money.ts';
export {
	formatTargetValue,
	HUNDRED_YI,
	isAmountMetric,
	MAX_TARGET_COUNT,
	parseTargetValue,
	TARGET_METRICS,
	TARGET_SCOPES,
	targetScopeRefusal
} from './targets.ts';
export type {
	TargetMetric,
	TargetScope,
	TargetScopeRef,
	TargetScopeRefusal,
	TargetValueRefusal,
	TargetValueResult
} from './targets.ts';
export * from './deals.ts';
export { addDays, beijingDateOf, daysBetween, isIsoDate } from './dates.ts';
export {
	becameContractOn,
	bucketsOf,
	countedAmount,
	emptyLedger,
	isLanded,
	isLaterStage,
	landedOn
} from './state.ts';
export type { DealState, LedgerState, Tranche } from './state.ts';
export { findAnchor, headText, MIN_ANCHOR_DIGITS, parseHeadAnchor } from './anchor.ts';
export type { HeadAnchor, LedgerHead } from './anchor.ts';
export { breaksCeiling, LEDGER_CEILING_YUAN, netOf } from './ceiling.ts';
export { checkEvent, factsRefusal, isValidAmount, REFUSAL_REASONS } from './check.ts';
export type { Refusal, RefusalReason } from './check.ts';
export { applyEntry, deltaOf, foldLedger, LedgerError, openFold } from './fold.ts';
export type { LedgerErrorCode, LedgerFold } from './fold.ts';
export { canonicalEntry, hashEntry, sealEntry, verifyChain } from './chain.ts';
export type { ChainVerdict, EntryDraft, UnsealedEntry } from './chain.ts';
export { occurredOnOf, recordEvent } from './record.ts';
export type { RecordInput, RecordResult } from './record.ts';
export { computeTotals, totalsAsOf } from './totals.ts';
export type { Totals, TotalsFilter, TotalsLine } from './totals.ts';
export { achievedFor, targetProgress } from './progress.ts';
export type { TargetProgress, TargetSpec } from './progress.ts';
export {
	findProbableDuplicates,
	isSimilarProjectName,
	normaliseInvestor,
	normaliseProjectName,
	projectNameSimilarity,
	SIMILAR_PROJECT_NAME
} from './duplicates.ts';
export { achievedByUnit, rankUnits } from './unit-ranking.ts';
export type { UnitStanding, UnitTargetRef } from './unit-ranking.ts';
export {
	clashesWith,
	mayAttend,
	SESSION_KINDS,
	SESSION_LANGUAGES,
	sessionRefusal,
	sessionsOverlap
} from './agenda.ts';
export type {
	SessionAdmission,
	SessionKind,
	SessionLanguage,
	SessionRefusal,
	SessionSlot
} from './agenda.ts';
export {
	BOOTH_HOLDS,
	BOOTH_TYPES,
	creditCodeCheckCharacter,
	creditCodeProblem,
	EXHIBITOR_PASSES,
	EXHIBITOR_STATUSES,
	isCreditCode,
	LEAD_RATINGS,
	LIVE_EXHIBITOR_STATUSES,
	normaliseCreditCode,
	passAdmitsOn,
	passQuota
} from './exhibition.ts';
export type {
	BoothHold,
	BoothStatus,
	BoothType,
	CreditCodeProblem,
	ExhibitorPass,
	ExhibitorStatus,
	LeadRating,
	PassQuotaRule,
	SetupDays
} from './exhibition.ts';
