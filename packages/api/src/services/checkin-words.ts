import { beijingDate, type ReasonDetail } from '@huizhan/ledger/checkin';
import type { schema } from '@huizhan/db';

/*
 * What a verdict says, in both languages. The scanner shows the user's language; a PDA calling
 * the API gets both and picks. Kept beside the service so every answer — online, replayed,
 * uploaded — says the same thing for the same reason.
 */

export type ScanReason = schema.ScanReason;

export type { ReasonDetail } from '@huizhan/ledger/checkin';

export interface Words {
	zh: string;
	en: string;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** `09:12` in Beijing time; the date too (`11-03 09:12`) when it was not today. */
export function beijingClock(at: Date, now: Date): string {
	const local = new Date(at.getTime() + BEIJING_OFFSET_MS);
	const today = new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
	const iso = local.toISOString();
	const time = iso.slice(11, 16);
	return iso.slice(0, 10) === today ? time : `${iso.slice(5, 10)} ${time}`;
}

/** The calendar date in Beijing, `YYYY-MM-DD`: the period of a once-per-day gate. */
export { beijingDate };

export function verdictWords(
	reason: ScanReason,
	detail: ReasonDetail,
	previous: { at: Date; checkpointZh: string; checkpointEn: string } | null,
	now: Date,
	/** The session of the gate, named in its refusals. */
	session: { zh: string; en: string } | null = null
): Words {
	switch (reason) {
		case 'ok':
			return { zh: '验证通过，请入场', en: 'Valid ticket — welcome' };
		case 'already_checked_in': {
			if (!previous) return { zh: '已入场', en: 'Already checked in' };
			const when = beijingClock(previous.at, now);
			return {
				zh: `已于 ${when} 在${previous.checkpointZh}入场`,
				en: `Already checked in at ${when}, ${previous.checkpointEn}`
			};
		}
		case 'not_allowed_here':
			return detail === 'pending'
				? { zh: '报名尚未通过审核，不能入场', en: 'Registration not approved yet' }
				: { zh: '该类别不能从此通道入场', en: 'This category may not enter here' };
		case 'not_signed_up':
			return session
				? {
						zh: `未报名「${session.zh}」，本场仅限已报名者入场`,
						en: `Not signed up for “${session.en}” — sign-ups only`
					}
				: {
						zh: '本场仅限已报名者入场，未报名',
						en: 'Not signed up — this session admits sign-ups only'
					};
		case 'session_full':
			return session
				? {
						zh: `「${session.zh}」会场已满，请勿放行`,
						en: `“${session.en}” is full — no seats left`
					}
				: { zh: '会场已满', en: 'The session is full' };
		case 'outside_setup_days':
			return {
				zh: '布展证仅在布展期有效，今天不能入场',
				en: 'Set-up pass — valid on set-up days only'
			};
		case 'cancelled':
			return detail === 'rejected'
				? { zh: '报名未通过审核，票无效', en: 'Registration was rejected — ticket void' }
				: { zh: '票已取消', en: 'Ticket cancelled' };
		case 'invalid':
			return { zh: '无效票码', en: 'Not a valid ticket' };
		case 'wrong_conference':
			return { zh: '非本届大会的票', en: 'Ticket for another conference (wrong conference)' };
		case 'unknown':
			return { zh: '查无此票', en: 'Ticket not found' };
	}
}
