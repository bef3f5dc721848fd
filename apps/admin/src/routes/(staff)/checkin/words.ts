import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import type { Verdict } from '$lib/checkin/scanner.svelte';

export { verdictTone } from '$lib/checkin/verdict-display';

/** `09:12` in Beijing time, as the gate's clock shows it. */
export const gateClock = (at: string | number) =>
	new Date(at).toLocaleTimeString(getLocale() === 'en' ? 'en-GB' : 'zh-CN', {
		timeZone: 'Asia/Shanghai',
		hour: '2-digit',
		minute: '2-digit',
		hour12: false
	});

/**
 * The reason in the reader's language, with the time and gate of an earlier admission; at a
 * session's door its refusals name the session (`session`, already in the reader's language).
 */
export function reasonText(
	verdict: Pick<Verdict, 'reason' | 'detail' | 'previous' | 'offline'>,
	localized: (zh: string, en: string) => string,
	session: string | null = null
): string {
	switch (verdict.reason) {
		case 'ok':
			return m.checkin_reason_ok();
		case 'already_checked_in':
			return verdict.previous
				? m.checkin_reason_already_checked_in({
						time: gateClock(verdict.previous.at),
						gate: localized(verdict.previous.checkpointZh, verdict.previous.checkpointEn)
					})
				: m.checkin_reason_already_checked_in_here();
		case 'not_allowed_here':
			return verdict.detail === 'pending'
				? m.checkin_reason_pending()
				: m.checkin_reason_not_allowed_here();
		case 'not_signed_up':
			return session
				? m.checkin_reason_not_signed_up_for({ session })
				: m.checkin_reason_not_signed_up();
		case 'session_full':
			return session
				? m.checkin_reason_session_full_named({ session })
				: m.checkin_reason_session_full();
		case 'outside_setup_days':
			return m.checkin_reason_outside_setup_days();
		case 'cancelled':
			return verdict.detail === 'rejected'
				? m.checkin_reason_rejected()
				: m.checkin_reason_cancelled();
		case 'invalid':
			return m.checkin_reason_invalid();
		case 'wrong_conference':
			return m.checkin_reason_wrong_conference();
		case 'unknown':
			return verdict.offline ? m.checkin_reason_unknown_offline() : m.checkin_reason_unknown();
	}
}
