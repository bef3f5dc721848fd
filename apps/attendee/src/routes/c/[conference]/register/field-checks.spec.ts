import { describe, expect, test } from 'vitest';
import { looksFixed, type TypedValues } from './field-checks.ts';

const empty: TypedValues = {
	category: '',
	name: '',
	organisation: '',
	title: '',
	mobile: '',
	email: '',
	country: 'CN',
	consent: false
};
const typed = (values: Partial<TypedValues>) => ({ ...empty, ...values });

describe('a refused field looks fixed', () => {
	test('once a required field holds text', () => {
		expect(looksFixed('name', typed({ name: '  ' }))).toBe(false);
		expect(looksFixed('name', typed({ name: '张伟' }))).toBe(true);
		expect(looksFixed('organisation', typed({ organisation: '郑州大学' }))).toBe(true);
	});

	test('once a category is chosen and the consent is ticked', () => {
		expect(looksFixed('category', empty)).toBe(false);
		expect(looksFixed('category', typed({ category: 'visitor' }))).toBe(true);
		expect(looksFixed('consent', empty)).toBe(false);
		expect(looksFixed('consent', typed({ consent: true }))).toBe(true);
	});

	test('once a mainland mobile has 11 digits from 1, but not at 10 or 12', () => {
		expect(looksFixed('mobile', typed({ mobile: '139 0000 1234' }))).toBe(true);
		expect(looksFixed('mobile', typed({ mobile: '1390000123' }))).toBe(false);
		expect(looksFixed('mobile', typed({ mobile: '139000012345' }))).toBe(false);
	});

	test('once a foreign mobile has a plausible number of digits', () => {
		expect(looksFixed('mobile', typed({ mobile: '07400 123456', country: 'GB' }))).toBe(true);
		expect(looksFixed('mobile', typed({ mobile: '+44 7400', country: 'CN' }))).toBe(false);
	});

	test('when the missing contact is given as an email instead of a mobile', () => {
		expect(looksFixed('mobile', empty)).toBe(false);
		expect(looksFixed('mobile', typed({ email: 'li@qq' }))).toBe(false);
		expect(looksFixed('mobile', typed({ email: 'li@qq.com' }))).toBe(true);
	});

	test('once an email has a domain, or is emptied', () => {
		expect(looksFixed('email', typed({ email: 'li@' }))).toBe(false);
		expect(looksFixed('email', typed({ email: 'li@qq.com' }))).toBe(true);
		expect(looksFixed('email', typed({ email: '' }))).toBe(true);
	});

	test('never for a refusal the browser cannot judge', () => {
		expect(looksFixed('somethingElse', typed({ name: 'x' }))).toBe(false);
	});
});
