import { createHash, createHmac } from 'node:crypto';
import { SMS_TIMEOUT_MS, unreachable, type SmsProvider, type SmsResult } from './provider.ts';

export interface TencentOptions {
	secretId: string;
	secretKey: string;
	/** The SMS application (SmsSdkAppId, 1400…). */
	appId: string;
	region?: string | undefined;
	/** `https://sms.tencentcloudapi.com/` unless pointed at a test server. */
	endpoint?: string | undefined;
	now?: () => Date;
}

const SERVICE = 'sms';
const CONTENT_TYPE = 'application/json; charset=utf-8';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) =>
	createHmac('sha256', key).update(text).digest();

/**
 * TC3-HMAC-SHA256 over a POST to `/` with no query, signing `content-type` and `host`: the
 * canonical request's hash, scoped to the UTC date and service, with a key derived from the
 * secret through the date, the service and `tc3_request`.
 */
export function tencentSignature(input: {
	secretKey: string;
	host: string;
	payload: string;
	timestamp: number;
}): { signature: string; credentialScope: string } {
	const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
	const canonicalRequest = [
		'POST',
		'/',
		'',
		`content-type:${CONTENT_TYPE}\nhost:${input.host}\n`,
		'content-type;host',
		sha256(input.payload)
	].join('\n');
	const credentialScope = `${date}/${SERVICE}/tc3_request`;
	const stringToSign = [
		'TC3-HMAC-SHA256',
		String(input.timestamp),
		credentialScope,
		sha256(canonicalRequest)
	].join('\n');
	const signing = hmac(hmac(hmac(`TC3${input.secretKey}`, date), SERVICE), 'tc3_request');
	return {
		signature: createHmac('sha256', signing).update(stringToSign).digest('hex'),
		credentialScope
	};
}

/**
 * Answers worth no retry: a number, template, parameter or signature the provider refuses, or a
 * number that opted out. `LimitExceeded.*` (the provider's own per-number limits), an empty SMS
 * package and internal errors pass with time.
 */
const PERMANENT_PREFIXES = [
	'InvalidParameterValue.',
	'InvalidParameter',
	'MissingParameter',
	'AuthFailure.',
	'UnauthorizedOperation.',
	'UnsupportedOperation.',
	'FailedOperation.PhoneNumberInBlacklist',
	'FailedOperation.PhoneNumberParseFail',
	'FailedOperation.SignatureIncorrectOrUnapproved',
	'FailedOperation.TemplateIncorrectOrUnapproved',
	'FailedOperation.TemplateParamSetNotMatchApprovedTemplate',
	'FailedOperation.ContainSensitiveWord',
	'FailedOperation.MissingSignature',
	'FailedOperation.MissingTemplate'
];
export const tencentPermanent = (code: string) =>
	PERMANENT_PREFIXES.some((prefix) => code === prefix || code.startsWith(prefix));

interface TencentAnswer {
	Response?: {
		Error?: { Code?: string; Message?: string };
		SendStatusSet?: { Code?: string; Message?: string; SerialNo?: string }[];
	};
}

/** Tencent Cloud SMS, `SendSms` of API version 2021-01-11, as signed JSON over HTTPS. */
export function tencentSms({
	secretId,
	secretKey,
	appId,
	region = 'ap-guangzhou',
	endpoint = 'https://sms.tencentcloudapi.com/',
	now = () => new Date()
}: TencentOptions): SmsProvider {
	const host = new URL(endpoint).host;
	return {
		name: 'tencent',
		async send({ mobile, templateId, params, signName }): Promise<SmsResult> {
			const payload = JSON.stringify({
				PhoneNumberSet: [mobile],
				SmsSdkAppId: appId,
				SignName: signName,
				TemplateId: templateId,
				TemplateParamSet: Object.values(params)
			});
			const timestamp = Math.floor(now().getTime() / 1000);
			const { signature, credentialScope } = tencentSignature({
				secretKey,
				host,
				payload,
				timestamp
			});
			let answer: TencentAnswer;
			try {
				const response = await fetch(endpoint, {
					method: 'POST',
					headers: {
						Authorization: `TC3-HMAC-SHA256 Credential=${secretId}/${credentialScope}, SignedHeaders=content-type;host, Signature=${signature}`,
						// fetch sends `Host` from the URL itself, the same value that is signed.
						'Content-Type': CONTENT_TYPE,
						'X-TC-Action': 'SendSms',
						'X-TC-Version': '2021-01-11',
						'X-TC-Timestamp': String(timestamp),
						'X-TC-Region': region
					},
					body: payload,
					signal: AbortSignal.timeout(SMS_TIMEOUT_MS)
				});
				answer = (await response.json()) as TencentAnswer;
			} catch (error) {
				return unreachable(error);
			}
			const error = answer.Response?.Error;
			const status = error ?? answer.Response?.SendStatusSet?.[0];
			if (!error && status?.Code === 'Ok') {
				return { ok: true, messageId: answer.Response?.SendStatusSet?.[0]?.SerialNo ?? '' };
			}
			const code = status?.Code ?? 'unknown';
			return { ok: false, code, message: status?.Message ?? '', permanent: tencentPermanent(code) };
		}
	};
}
