import { createHmac, randomUUID } from 'node:crypto';
import { SMS_TIMEOUT_MS, unreachable, type SmsProvider, type SmsResult } from './provider.ts';

export interface AliyunOptions {
	accessKeyId: string;
	accessKeySecret: string;
	/** `https://dysmsapi.aliyuncs.com/` unless pointed at a test server. */
	endpoint?: string | undefined;
	regionId?: string | undefined;
	now?: () => Date;
}

/**
 * RFC 3986 percent-encoding as Alibaba Cloud's RPC signature wants it: everything but
 * `A-Z a-z 0-9 - _ . ~` encoded, spaces as `%20`. encodeURIComponent leaves `!'()*` alone.
 */
export const percentEncode = (value: string) =>
	encodeURIComponent(value).replace(
		/[!'()*]/g,
		(ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`
	);

/**
 * Signature version 1.0: HMAC-SHA1, keyed with the secret and `&`, over
 * `METHOD&%2F&percentEncode(sorted, percent-encoded query without Signature)`, in base64.
 */
export function aliyunSignature(
	method: 'GET' | 'POST',
	params: Record<string, string>,
	accessKeySecret: string
): string {
	const canonical = Object.keys(params)
		.filter((key) => key !== 'Signature')
		.sort()
		.map((key) => `${percentEncode(key)}=${percentEncode(params[key] ?? '')}`)
		.join('&');
	const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
	return createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

/** Aliyun wants mainland numbers without +86, and others as country code and number. */
export const aliyunNumber = (e164: string) =>
	e164.replace(/^\+86(?=1\d{10}$)/, '').replace(/^\+/, '');

/**
 * Answers worth no retry: the number, template or signature is wrong, or the account is. The
 * rest — `isv.BUSINESS_LIMIT_CONTROL` (the provider's per-number limit), throttling, an empty
 * balance, system errors — pass with time.
 */
const PERMANENT = new Set([
	'isv.MOBILE_NUMBER_ILLEGAL',
	'isv.MOBILE_COUNT_OVER_LIMIT',
	'isv.TEMPLATE_MISSING_PARAMETERS',
	'isv.TEMPLATE_PARAMS_ILLEGAL',
	'isv.SMS_TEMPLATE_ILLEGAL',
	'isv.SMS_SIGNATURE_ILLEGAL',
	'isv.SMS_SIGN_ILLEGAL',
	'isv.INVALID_PARAMETERS',
	'isv.INVALID_JSON_PARAM',
	'isv.PARAM_LENGTH_LIMIT',
	'isv.PARAM_NOT_SUPPORT_URL',
	'isv.BLACK_KEY_CONTROL_LIMIT',
	'isv.ACCOUNT_NOT_EXISTS',
	'isv.ACCOUNT_ABNORMAL',
	'InvalidAccessKeyId.NotFound',
	'SignatureDoesNotMatch',
	'MissingParameter'
]);
export const aliyunPermanent = (code: string) => PERMANENT.has(code);

/** Alibaba Cloud SMS (dysmsapi 2017-05-25), `SendSms` as a signed RPC GET. */
export function aliyunSms({
	accessKeyId,
	accessKeySecret,
	endpoint = 'https://dysmsapi.aliyuncs.com/',
	regionId = 'cn-hangzhou',
	now = () => new Date()
}: AliyunOptions): SmsProvider {
	return {
		name: 'aliyun',
		async send({ mobile, templateId, params, signName }): Promise<SmsResult> {
			const query: Record<string, string> = {
				AccessKeyId: accessKeyId,
				Action: 'SendSms',
				Format: 'JSON',
				PhoneNumbers: aliyunNumber(mobile),
				RegionId: regionId,
				SignName: signName,
				SignatureMethod: 'HMAC-SHA1',
				SignatureNonce: randomUUID(),
				SignatureVersion: '1.0',
				TemplateCode: templateId,
				TemplateParam: JSON.stringify(params),
				Timestamp: now()
					.toISOString()
					.replace(/\.\d{3}Z$/, 'Z'),
				Version: '2017-05-25'
			};
			const signature = aliyunSignature('GET', query, accessKeySecret);
			const search = Object.entries({ ...query, Signature: signature })
				.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`)
				.join('&');
			let body: { Code?: string; Message?: string; BizId?: string };
			try {
				const response = await fetch(`${endpoint}?${search}`, {
					signal: AbortSignal.timeout(SMS_TIMEOUT_MS)
				});
				body = (await response.json()) as typeof body;
			} catch (error) {
				return unreachable(error);
			}
			if (body.Code === 'OK') return { ok: true, messageId: body.BizId ?? '' };
			const code = body.Code ?? 'unknown';
			return { ok: false, code, message: body.Message ?? '', permanent: aliyunPermanent(code) };
		}
	};
}
