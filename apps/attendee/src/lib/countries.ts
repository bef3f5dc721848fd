/*
 * The countries and regions the registration and find-my-ticket forms offer. Besides saying where
 * the attendee comes from, the choice tells the server how to read a mobile number typed without
 * its `+` prefix, so each entry carries its calling code (shown in the option, checked against
 * libphonenumber's metadata by the unit test). Names are data in both languages, like a
 * conference's names, rather than one message per country.
 */

export type Region = 'china' | 'asia' | 'europe' | 'americas' | 'oceania' | 'africa';

export interface Country {
	/** ISO 3166-1 alpha-2, what the API stores. */
	code: string;
	zh: string;
	en: string;
	/** The international calling code, without `+`. */
	dial: string;
	region: Region;
}

/** Mainland China is the default: most attendees register with a mainland mobile. */
export const DEFAULT_COUNTRY = 'CN';

/** Grouped by region, in the order the form shows them; within a group, a fixed order. */
export const COUNTRIES: readonly Country[] = [
	{ code: 'CN', zh: '中国大陆', en: 'Chinese mainland', dial: '86', region: 'china' },
	{ code: 'HK', zh: '中国香港', en: 'Hong Kong, China', dial: '852', region: 'china' },
	{ code: 'MO', zh: '中国澳门', en: 'Macao, China', dial: '853', region: 'china' },
	{ code: 'TW', zh: '中国台湾', en: 'Taiwan, China', dial: '886', region: 'china' },
	{ code: 'JP', zh: '日本', en: 'Japan', dial: '81', region: 'asia' },
	{ code: 'KR', zh: '韩国', en: 'Korea, Republic of', dial: '82', region: 'asia' },
	{ code: 'SG', zh: '新加坡', en: 'Singapore', dial: '65', region: 'asia' },
	{ code: 'MY', zh: '马来西亚', en: 'Malaysia', dial: '60', region: 'asia' },
	{ code: 'TH', zh: '泰国', en: 'Thailand', dial: '66', region: 'asia' },
	{ code: 'VN', zh: '越南', en: 'Viet Nam', dial: '84', region: 'asia' },
	{ code: 'ID', zh: '印度尼西亚', en: 'Indonesia', dial: '62', region: 'asia' },
	{ code: 'PH', zh: '菲律宾', en: 'Philippines', dial: '63', region: 'asia' },
	{ code: 'IN', zh: '印度', en: 'India', dial: '91', region: 'asia' },
	{ code: 'PK', zh: '巴基斯坦', en: 'Pakistan', dial: '92', region: 'asia' },
	{ code: 'KZ', zh: '哈萨克斯坦', en: 'Kazakhstan', dial: '7', region: 'asia' },
	{ code: 'UZ', zh: '乌兹别克斯坦', en: 'Uzbekistan', dial: '998', region: 'asia' },
	{ code: 'MN', zh: '蒙古', en: 'Mongolia', dial: '976', region: 'asia' },
	{ code: 'AE', zh: '阿联酋', en: 'United Arab Emirates', dial: '971', region: 'asia' },
	{ code: 'SA', zh: '沙特阿拉伯', en: 'Saudi Arabia', dial: '966', region: 'asia' },
	{ code: 'IL', zh: '以色列', en: 'Israel', dial: '972', region: 'asia' },
	{ code: 'TR', zh: '土耳其', en: 'Türkiye', dial: '90', region: 'asia' },
	{ code: 'DE', zh: '德国', en: 'Germany', dial: '49', region: 'europe' },
	{ code: 'GB', zh: '英国', en: 'United Kingdom', dial: '44', region: 'europe' },
	{ code: 'FR', zh: '法国', en: 'France', dial: '33', region: 'europe' },
	{ code: 'IT', zh: '意大利', en: 'Italy', dial: '39', region: 'europe' },
	{ code: 'ES', zh: '西班牙', en: 'Spain', dial: '34', region: 'europe' },
	{ code: 'NL', zh: '荷兰', en: 'Netherlands', dial: '31', region: 'europe' },
	{ code: 'BE', zh: '比利时', en: 'Belgium', dial: '32', region: 'europe' },
	{ code: 'CH', zh: '瑞士', en: 'Switzerland', dial: '41', region: 'europe' },
	{ code: 'AT', zh: '奥地利', en: 'Austria', dial: '43', region: 'europe' },
	{ code: 'SE', zh: '瑞典', en: 'Sweden', dial: '46', region: 'europe' },
	{ code: 'FI', zh: '芬兰', en: 'Finland', dial: '358', region: 'europe' },
	{ code: 'DK', zh: '丹麦', en: 'Denmark', dial: '45', region: 'europe' },
	{ code: 'NO', zh: '挪威', en: 'Norway', dial: '47', region: 'europe' },
	{ code: 'PL', zh: '波兰', en: 'Poland', dial: '48', region: 'europe' },
	{ code: 'CZ', zh: '捷克', en: 'Czechia', dial: '420', region: 'europe' },
	{ code: 'HU', zh: '匈牙利', en: 'Hungary', dial: '36', region: 'europe' },
	{ code: 'RU', zh: '俄罗斯', en: 'Russia', dial: '7', region: 'europe' },
	{ code: 'US', zh: '美国', en: 'United States', dial: '1', region: 'americas' },
	{ code: 'CA', zh: '加拿大', en: 'Canada', dial: '1', region: 'americas' },
	{ code: 'MX', zh: '墨西哥', en: 'Mexico', dial: '52', region: 'americas' },
	{ code: 'BR', zh: '巴西', en: 'Brazil', dial: '55', region: 'americas' },
	{ code: 'AR', zh: '阿根廷', en: 'Argentina', dial: '54', region: 'americas' },
	{ code: 'CL', zh: '智利', en: 'Chile', dial: '56', region: 'americas' },
	{ code: 'AU', zh: '澳大利亚', en: 'Australia', dial: '61', region: 'oceania' },
	{ code: 'NZ', zh: '新西兰', en: 'New Zealand', dial: '64', region: 'oceania' },
	{ code: 'ZA', zh: '南非', en: 'South Africa', dial: '27', region: 'africa' },
	{ code: 'EG', zh: '埃及', en: 'Egypt', dial: '20', region: 'africa' },
	{ code: 'NG', zh: '尼日利亚', en: 'Nigeria', dial: '234', region: 'africa' },
	{ code: 'KE', zh: '肯尼亚', en: 'Kenya', dial: '254', region: 'africa' }
];

export const REGIONS: readonly Region[] = [
	'china',
	'asia',
	'europe',
	'americas',
	'oceania',
	'africa'
];

/** The form's options, region by region, each group in the list's order. */
export const countriesByRegion = (): { region: Region; countries: Country[] }[] =>
	REGIONS.map((region) => ({ region, countries: COUNTRIES.filter((c) => c.region === region) }));

/** The option's text: the name in the reader's language and the calling code. */
export const countryLabel = (country: Country, locale: 'zh-CN' | 'en'): string =>
	`${locale === 'en' ? country.en : country.zh} +${country.dial}`;

/** A submitted value the list knows, else the default (a stale or forged form). */
export const knownCountry = (code: string | null | undefined): string =>
	COUNTRIES.some((c) => c.code === code) ? (code as string) : DEFAULT_COUNTRY;
