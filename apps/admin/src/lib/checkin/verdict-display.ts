/*
 * How a verdict is shown at the gate, apart from its words: its colour family and how long it
 * stays. Kept free of Svelte and messages so the timing rule is tested on its own.
 */

/** Green for an admission, amber for "already in", red for every refusal. */
export type VerdictTone = 'ok' | 'warn' | 'refuse';

export const verdictTone = (verdict: { reason: string }): VerdictTone =>
	verdict.reason === 'ok' ? 'ok' : verdict.reason === 'already_checked_in' ? 'warn' : 'refuse';

/**
 * How long a verdict stays on screen unless the next scan replaces it or staff close it.
 * A green one only confirms what the queue expects, so it gets out of the way; amber and red
 * ask staff to act (check the person, send them to the desk), and a glance at 1.5 s was too
 * short to read them, so they stay long enough to be read twice.
 */
export const VERDICT_HOLD_MS: Record<VerdictTone, number> = {
	ok: 1_500,
	warn: 6_000,
	refuse: 6_000
};

export const verdictHoldMs = (tone: VerdictTone): number => VERDICT_HOLD_MS[tone];
