import {
	getCountryCallingCode,
	getExampleNumber,
	isSupportedCountry,
	parsePhoneNumberFromString,
	type CountryCode
} from 'libphonenumber-js/min';
import examples from 'libphonenumber-js/mobile/examples';
import { expect, test } from 'vitest';
import {
	COUNTRIES,
	DEFAULT_COUNTRY,
	REGIONS,
	countriesByRegion,
	countryLabel,
	knownCountry
} from './countries.ts';

test('mainland China comes first and is the default', () => {
	expect(DEFAULT_COUNTRY).toBe('CN');
	expect(COUNTRIES[0]?.code).toBe('CN');
	expect(COUNTRIES.slice(0, 4).map((c) => c.code)).toEqual(['CN', 'HK', 'MO', 'TW']);
});

test('each country appears once, with a name in both languages', () => {
	const codes = COUNTRIES.map((c) => c.code);
	expect(new Set(codes).size).toBe(codes.length);
	expect(codes.length).toBeGreaterThanOrEqual(30);
	for (const c of COUNTRIES) {
		expect(c.code).toMatch(/^[A-Z]{2}$/);
		expect(c.zh.trim(), c.code).not.toBe('');
		expect(c.en.trim(), c.code).not.toBe('');
	}
});

test('the calling code shown is the one the server reads numbers with', () => {
	for (const c of COUNTRIES) {
		expect(isSupportedCountry(c.code), c.code).toBe(true);
		expect(getCountryCallingCode(c.code as CountryCode), c.code).toBe(c.dial);
	}
});

test('a mobile typed without its prefix is understood once its country is chosen', () => {
	for (const c of COUNTRIES) {
		const example = getExampleNumber(c.code as CountryCode, examples);
		expect(example, c.code).toBeDefined();
		const typed = example!.formatNational();
		expect(parsePhoneNumberFromString(typed, c.code as CountryCode)?.number, c.code).toBe(
			example!.number
		);
	}
});

test('the groups hold every country once, in the list order', () => {
	const grouped = countriesByRegion();
	expect(grouped.map((g) => g.region)).toEqual([...REGIONS]);
	expect(grouped.flatMap((g) => g.countries)).toEqual([...COUNTRIES]);
});

test('an option reads as the name in the reader’s language and the calling code', () => {
	const hk = COUNTRIES.find((c) => c.code === 'HK')!;
	expect(countryLabel(hk, 'zh-CN')).toBe('中国香港 +852');
	expect(countryLabel(hk, 'en')).toBe('Hong Kong, China +852');
});

test('an unknown submitted country falls back to the default for the form', () => {
	expect(knownCountry('JP')).toBe('JP');
	expect(knownCountry('XX')).toBe('CN');
	expect(knownCountry(null)).toBe('CN');
});
