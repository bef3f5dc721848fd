import { describe, expect, test } from 'vitest';
import { suggestEmail } from './email-suggestion.ts';

describe('suggestEmail', () => {
	test.each([
		['zhang.san@qq.con', 'zhang.san@qq.com'],
		['li@gmial.com', 'li@gmail.com'],
		['wang@163.con', 'wang@163.com'],
		['wang@162.com', 'wang@163.com'],
		['zhao@foxmial.com', 'zhao@foxmail.com'],
		['sun@sina.con', 'sun@sina.com'],
		['Chen@QQ.CON', 'chen@qq.com']
	])('suggests the provider meant when %s is typed', (typed, meant) => {
		expect(suggestEmail(typed)).toBe(meant);
	});

	test.each([
		'zhang.san@qq.com',
		'li@gmail.com',
		'wang@163.com',
		'wang@126.com',
		'zhao@foxmail.com',
		'sun@sina.cn',
		'teacher@zzu.edu.cn',
		'press@miit.gov.cn',
		'sales@sensor-tech.com.cn',
		'anna@example.de'
	])('suggests nothing for the correct address %s', (typed) => {
		expect(suggestEmail(typed)).toBeNull();
	});

	test('suggests nothing for what is not yet an address', () => {
		expect(suggestEmail('')).toBeNull();
		expect(suggestEmail('zhang.san@')).toBeNull();
		expect(suggestEmail('zhang.san@qq')).toBeNull();
	});
});
