import { schema } from '@huizhan/db';
import { aliyunSms } from './aliyun.ts';
import type { SmsProvider, SmsTemplates } from './provider.ts';
import { tencentSms } from './tencent.ts';

/** What the SMS sender needs, read once at start-up from the app's environment. */
export interface SmsSettings {
	provider: SmsProvider;
	signName: string;
	templates: SmsTemplates;
	limits: SmsLimits;
}

/** Texts per number: over either, a message waits (it is not dropped). */
export interface SmsLimits {
	perHour: number;
	perDay: number;
}

/** The variable's suffix per kind: `SMS_TEMPLATE_REGISTRATION_CONFIRMED`, `…_EN`. */
const templateVariable = (kind: schema.MessageKind) => `SMS_TEMPLATE_${kind.toUpperCase()}`;

export class SmsConfigError extends Error {
	override name = 'SmsConfigError';
}

/**
 * Reads `SMS_*` from the record an app passes in (each app's env.ts; this package reads no
 * environment of its own). No `SMS_PROVIDER` means no SMS: null. Anything missing or wrong with one set
 * throws at start-up, naming the variable — never its value, which may be a secret.
 */
export function smsSettings(env: Record<string, string | undefined>): SmsSettings | null {
	const value = (name: string) => env[name]?.trim() || undefined;
	const required = (name: string) => {
		const found = value(name);
		if (found === undefined) throw new SmsConfigError(`SMS: ${name} is not set`);
		return found;
	};
	const kind = value('SMS_PROVIDER');
	if (kind === undefined) return null;
	const endpoint = value('SMS_ENDPOINT');
	let provider: SmsProvider;
	if (kind === 'aliyun') {
		provider = aliyunSms({
			accessKeyId: required('SMS_ACCESS_KEY_ID'),
			accessKeySecret: required('SMS_ACCESS_KEY_SECRET'),
			endpoint,
			regionId: value('SMS_REGION')
		});
	} else if (kind === 'tencent') {
		provider = tencentSms({
			secretId: required('SMS_ACCESS_KEY_ID'),
			secretKey: required('SMS_ACCESS_KEY_SECRET'),
			appId: required('SMS_APP_ID'),
			endpoint,
			region: value('SMS_REGION')
		});
	} else {
		throw new SmsConfigError('SMS: SMS_PROVIDER must be aliyun or tencent');
	}
	if (endpoint !== undefined && !/^https?:\/\//.test(endpoint)) {
		throw new SmsConfigError('SMS: SMS_ENDPOINT must be an http(s) address');
	}
	const templates = Object.fromEntries(
		schema.MESSAGE_KINDS.map((k) => [
			k,
			{ zh: required(templateVariable(k)), en: value(`${templateVariable(k)}_EN`) }
		])
	) as SmsTemplates;
	const limit = (name: string, fallback: number) => {
		const raw = value(name);
		if (raw === undefined) return fallback;
		const n = Number(raw);
		if (!Number.isInteger(n) || n < 1) {
			throw new SmsConfigError(`SMS: ${name} must be a whole number above 0`);
		}
		return n;
	};
	return {
		provider,
		signName: required('SMS_SIGN_NAME'),
		templates,
		// Below the providers' own defaults (Aliyun: 5 an hour, 10 a day per number for
		// notification texts), so their limit is rarely what stops a message.
		limits: {
			perHour: limit('SMS_PER_NUMBER_HOURLY', 5),
			perDay: limit('SMS_PER_NUMBER_DAILY', 10)
		}
	};
}

/** The SMS variables an app passes on; listed so each app's env.ts reads exactly these. */
export const SMS_ENV_NAMES = [
	'SMS_PROVIDER',
	'SMS_ACCESS_KEY_ID',
	'SMS_ACCESS_KEY_SECRET',
	'SMS_APP_ID',
	'SMS_REGION',
	'SMS_ENDPOINT',
	'SMS_SIGN_NAME',
	'SMS_PER_NUMBER_HOURLY',
	'SMS_PER_NUMBER_DAILY',
	...schema.MESSAGE_KINDS.flatMap((k) => [templateVariable(k), `${templateVariable(k)}_EN`])
] as const;
