import {
	EVERYDAY_SIGNING,
	formatYuan,
	type AgreementType,
	type DealStage,
	type InvestorOrigin
} from '@huizhan/ledger';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { localized } from '$lib/locale';

export const agreementLabel = (type: AgreementType): string =>
	({
		contract: m.agreement_contract,
		framework: m.agreement_framework,
		intent: m.agreement_intent
	})[type]();

export const stageLabel = (stage: DealStage): string =>
	({
		signed: m.stage_signed,
		landed: m.stage_landed,
		started: m.stage_started,
		in_production: m.stage_in_production
	})[stage]();

export const originLabel = (origin: InvestorOrigin): string =>
	({
		in_province: m.origin_in_province,
		out_of_province: m.origin_out_of_province,
		overseas: m.origin_overseas
	})[origin]();

interface Named {
	id: string | number;
	nameZh: string;
	nameEn: string;
}

/** A conference's name, or 日常签约 for everyday signings. */
export function eventLabel(event: string, conferences: Named[]): string {
	if (event === EVERYDAY_SIGNING) return m.event_everyday();
	const conference = conferences.find((c) => c.id === event);
	return conference ? localized(conference.nameZh, conference.nameEn) : event;
}

export function nameOf(id: number, list: Named[]): string {
	const item = list.find((i) => i.id === id);
	return item ? localized(item.nameZh, item.nameEn) : `#${id}`;
}

/** Money as a table shows it: two decimals of 亿元, never overstated. */
export const money = (yuan: number): string =>
	formatYuan(yuan, {
		locale: getLocale(),
		precision: yuan >= 100_000_000 || yuan <= -100_000_000 ? 2 : 'exact'
	});

/** Money exactly, every digit. */
export const moneyExact = (yuan: number): string => formatYuan(yuan, { locale: getLocale() });
