import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { LEDGER_CEILING_YUAN, REFUSAL_REASONS, YI } from '@huizhan/ledger';
import {
	AGENDA_REFUSALS,
	BOOTH_REFUSALS,
	CEREMONY_REFUSALS,
	ORGANISATION_REFUSALS,
	REVIEW_REFUSALS,
	TARGET_REFUSALS
} from '@huizhan/api';

const load = (locale: string): Record<string, string> => {
	const { $schema: _schema, ...messages } = JSON.parse(
		readFileSync(new URL(`../messages/${locale}.json`, import.meta.url), 'utf8')
	);
	return messages;
};

test('every message exists in Chinese and in English, and none is empty', () => {
	const zh = load('zh-CN');
	const en = load('en');
	expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
	for (const [key, text] of [...Object.entries(zh), ...Object.entries(en)]) {
		expect(text.trim(), key).not.toBe('');
	}
});

test('a message uses the same placeholders in both languages', () => {
	const zh = load('zh-CN');
	const en = load('en');
	const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
	for (const key of Object.keys(zh)) {
		expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(zh[key] ?? ''));
	}
});

test('every refusal the ledger gives has its words in both languages', () => {
	const zh = load('zh-CN');
	const en = load('en');
	for (const reason of [...REFUSAL_REASONS, 'ledger_ceiling']) {
		expect(zh[`error_${reason}`], reason).toBeTruthy();
		expect(en[`error_${reason}`], reason).toBeTruthy();
	}
});

test('the ceiling refusal says nothing was saved and names the ceiling the ledger enforces', () => {
	const zh = load('zh-CN')['error_ledger_ceiling'];
	const en = load('en')['error_ledger_ceiling'];
	expect(LEDGER_CEILING_YUAN).toBe(1000 * 10_000 * YI);
	expect(zh).toContain('未保存');
	expect(zh).toContain('1000万亿元');
	expect(en).toContain('Not saved');
	expect(en).toContain('1000万亿元 (CNY 10^15)');
});

test('every refusal of the targets, organisation settings and signing ceremony has its words in both languages', () => {
	const zh = load('zh-CN');
	const en = load('en');
	for (const reason of [...TARGET_REFUSALS, ...ORGANISATION_REFUSALS, ...CEREMONY_REFUSALS]) {
		expect(zh[`error_${reason}`], reason).toBeTruthy();
		expect(en[`error_${reason}`], reason).toBeTruthy();
	}
});

test('every refusal of the agenda has its words in both languages', () => {
	const zh = load('zh-CN');
	const en = load('en');
	for (const reason of AGENDA_REFUSALS) {
		expect(zh[`error_${reason}`], reason).toBeTruthy();
		expect(en[`error_${reason}`], reason).toBeTruthy();
	}
});

test('every refusal of an exhibitor application’s review has its words in both languages', () => {
	const zh = load('zh-CN');
	const en = load('en');
	for (const reason of REVIEW_REFUSALS) {
		expect(zh[`error_${reason}`], reason).toBeTruthy();
		expect(en[`error_${reason}`], reason).toBeTruthy();
	}
});

test('every refusal of the halls, booths and exhibition rules has its words in both languages', () => {
	const zh = load('zh-CN');
	const en = load('en');
	const importCodes = [
		'unknown_hall',
		'booth_number_twice',
		'booth_number_format',
		'booth_area_whole',
		'booth_area_too_large',
		'booth_type_unknown',
		'booth_import_has_errors',
		'hall_code_format',
		'rule_square_metres',
		'rule_minimum'
	];
	for (const reason of [...BOOTH_REFUSALS, ...importCodes]) {
		expect(zh[`error_${reason}`], reason).toBeTruthy();
		expect(en[`error_${reason}`], reason).toBeTruthy();
	}
	// The refusal of a second holder names the booth and who holds it.
	expect(zh['booth_taken_by']).toContain('{number} 已分配给 {holder}');
	expect(en['booth_taken_by']).toContain('{number} is already held by {holder}');
});
