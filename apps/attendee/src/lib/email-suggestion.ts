import { POPULAR_DOMAINS, POPULAR_TLDS, run } from '@zootools/email-spell-checker';

/*
 * "Did you mean …@qq.com?" for an email address whose domain looks like a slip of the finger
 * (qq.con, gmial.com, 163.con). Only a suggestion: a confirmation mailed to a typo goes nowhere,
 * but an unusual address can be right, so the attendee decides and the form never blocks.
 * The library knows the world's large mail providers; the ones our attendees use are added.
 */

/** The mail services most of our attendees use, mainland ones first. */
const CHINESE_DOMAINS = [
	'qq.com',
	'vip.qq.com',
	'foxmail.com',
	'163.com',
	'126.com',
	'yeah.net',
	'vip.163.com',
	'sina.com',
	'sina.cn',
	'sohu.com',
	'aliyun.com',
	'139.com',
	'189.cn',
	'outlook.com',
	'hotmail.com',
	'yahoo.com'
];

/** Mainland endings, so a university or ministry address (zzu.edu.cn) is left alone. */
const CHINESE_TLDS = ['cn', 'com.cn', 'net.cn', 'org.cn', 'edu.cn', 'gov.cn', 'ac.cn'];

const domains = [...new Set([...CHINESE_DOMAINS, ...POPULAR_DOMAINS])];
const topLevelDomains = [...new Set([...CHINESE_TLDS, ...POPULAR_TLDS])];

/** The address the attendee probably meant, or null when it looks as intended. */
export function suggestEmail(typed: string): string | null {
	const email = typed.trim().toLowerCase();
	if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return null;
	const suggestion = run({ email, domains, topLevelDomains });
	return suggestion && suggestion.full !== email ? suggestion.full : null;
}
