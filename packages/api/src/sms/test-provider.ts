import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { aliyunSignature } from './aliyun.ts';
import { tencentSignature } from './tencent.ts';

/** A text the fake provider accepted, as the provider would read it. */
export interface ReceivedSms {
	provider: 'aliyun' | 'tencent';
	/** As sent: Aliyun's `13800138000`, Tencent's `+8613800138000`. */
	mobile: string;
	templateId: string;
	params: Record<string, string> | string[];
	signName: string;
}

export interface FakeProviderOptions {
	accessKeyId: string;
	accessKeySecret: string;
	signName: string;
	/** Template ids the account has approved; any other is refused as the provider does. */
	templates: string[];
	/** Tencent's SmsSdkAppId. */
	appId?: string;
}

const ALIYUN_REQUIRED = [
	'AccessKeyId',
	'Action',
	'Format',
	'PhoneNumbers',
	'SignName',
	'SignatureMethod',
	'SignatureNonce',
	'SignatureVersion',
	'TemplateCode',
	'Timestamp',
	'Version',
	'Signature'
];

/** How far a request's clock may be from ours: both providers refuse stale requests. */
const CLOCK_SKEW_S = 15 * 60;

/**
 * For tests only (the unit tests and the end-to-end journey): Aliyun's and Tencent's SMS APIs on
 * loopback, checking each request as the provider does — the signature recomputed with the
 * secret, the required parameters, the sign name and template — and answering with their real
 * error codes when told to (`answerNext`). It keeps what it accepted in `received`.
 */
export async function startFakeSmsProvider(options: FakeProviderOptions) {
	const received: ReceivedSms[] = [];
	const refusals: string[] = [];
	const scripted: string[] = [];
	const nonces = new Set<string>();

	function aliyun(url: URL): { Code: string; Message: string; BizId?: string; RequestId: string } {
		const q = Object.fromEntries(url.searchParams);
		const answer = (Code: string, Message: string) => ({ Code, Message, RequestId: 'fake' });
		const missing = ALIYUN_REQUIRED.find((name) => !q[name]);
		if (missing) return answer('MissingParameter', `${missing} is mandatory for this action.`);
		if (q.AccessKeyId !== options.accessKeyId)
			return answer('InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
		if (q.SignatureMethod !== 'HMAC-SHA1' || q.SignatureVersion !== '1.0')
			return answer('InvalidParameter', 'SignatureMethod or SignatureVersion');
		if (aliyunSignature('GET', q, options.accessKeySecret) !== q.Signature)
			return answer(
				'SignatureDoesNotMatch',
				'Specified signature is not matched with our calculation.'
			);
		if (nonces.has(q.SignatureNonce!))
			return answer('SignatureNonceUsed', 'Specified signature nonce was used already.');
		nonces.add(q.SignatureNonce!);
		if (
			!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(q.Timestamp!) ||
			stale(Date.parse(q.Timestamp!) / 1000)
		)
			return answer('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
		if (q.Action !== 'SendSms' || q.Version !== '2017-05-25')
			return answer('InvalidAction.NotFound', 'Specified api is not found.');
		if (q.SignName !== options.signName)
			return answer('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
		if (!options.templates.includes(q.TemplateCode!))
			return answer('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
		if (!/^\d{6,15}$/.test(q.PhoneNumbers!))
			return answer('isv.MOBILE_NUMBER_ILLEGAL', '手机号码格式错误');
		let params: Record<string, string>;
		try {
			params = JSON.parse(q.TemplateParam ?? '{}') as Record<string, string>;
		} catch {
			return answer('isv.INVALID_JSON_PARAM', 'JSON参数不合法');
		}
		const code = scripted.shift();
		if (code) return answer(code, `scripted ${code}`);
		received.push({
			provider: 'aliyun',
			mobile: q.PhoneNumbers!,
			templateId: q.TemplateCode!,
			params,
			signName: q.SignName!
		});
		return { ...answer('OK', 'OK'), BizId: `biz-${received.length}` };
	}

	function tencent(request: IncomingMessage, payload: string) {
		const error = (Code: string, Message: string) => ({
			Response: { Error: { Code, Message }, RequestId: 'fake' }
		});
		const header = (name: string) => request.headers[name.toLowerCase()] as string | undefined;
		const timestamp = Number(header('X-TC-Timestamp'));
		if (header('X-TC-Action') !== 'SendSms' || header('X-TC-Version') !== '2021-01-11')
			return error('InvalidAction', 'the action or version is wrong');
		if (!header('X-TC-Region')) return error('MissingParameter', 'X-TC-Region');
		if (header('Content-Type') !== 'application/json; charset=utf-8')
			return error('InvalidParameter', 'Content-Type');
		if (!Number.isInteger(timestamp) || stale(timestamp))
			return error('AuthFailure.SignatureExpire', 'the signature has expired');
		const match =
			/^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d\d-\d\d)\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(
				header('Authorization') ?? ''
			);
		if (!match) return error('AuthFailure.InvalidAuthorization', 'Authorization is malformed');
		if (match[1] !== options.accessKeyId)
			return error('AuthFailure.SecretIdNotFound', 'the SecretId is not found');
		const expected = tencentSignature({
			secretKey: options.accessKeySecret,
			host: header('Host') ?? '',
			payload,
			timestamp
		});
		if (
			expected.signature !== match[3] ||
			expected.credentialScope !== `${match[2]}/sms/tc3_request`
		)
			return error('AuthFailure.SignatureFailure', 'the signature is not correct');
		let body: {
			PhoneNumberSet?: string[];
			SmsSdkAppId?: string;
			SignName?: string;
			TemplateId?: string;
			TemplateParamSet?: string[];
		};
		try {
			body = JSON.parse(payload) as typeof body;
		} catch {
			return error('InvalidParameter', 'the body is not JSON');
		}
		if (body.SmsSdkAppId !== options.appId)
			return error('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId does not exist');
		if (body.SignName !== options.signName)
			return error(
				'FailedOperation.SignatureIncorrectOrUnapproved',
				'the signature is not approved'
			);
		if (!options.templates.includes(body.TemplateId ?? ''))
			return error('FailedOperation.TemplateIncorrectOrUnapproved', 'the template is not approved');
		const [mobile] = body.PhoneNumberSet ?? [];
		const status = (Code: string, Message: string) => ({
			Response: {
				SendStatusSet: [
					{ SerialNo: `serial-${received.length}`, PhoneNumber: mobile, Code, Message }
				],
				RequestId: 'fake'
			}
		});
		if (!mobile || !/^\+\d{6,15}$/.test(mobile))
			return status('InvalidParameterValue.IncorrectPhoneNumber', 'the number is not valid');
		const code = scripted.shift();
		if (code) return status(code, `scripted ${code}`);
		received.push({
			provider: 'tencent',
			mobile,
			templateId: body.TemplateId!,
			params: body.TemplateParamSet ?? [],
			signName: body.SignName!
		});
		return status('Ok', 'send success');
	}

	const stale = (seconds: number) => Math.abs(Date.now() / 1000 - seconds) > CLOCK_SKEW_S;

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const url = new URL(request.url ?? '/', 'http://fake');
		let payload = '';
		for await (const chunk of request) payload += String(chunk);
		const answer =
			request.method === 'GET'
				? aliyun(url)
				: request.method === 'POST'
					? tencent(request, payload)
					: null;
		if (answer === null) {
			response.writeHead(405).end();
			return;
		}
		const code =
			'Code' in answer
				? answer.Code
				: (answer.Response as { Error?: { Code: string } }).Error?.Code;
		if (code && code !== 'OK') refusals.push(code);
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
	}

	const server = createServer((request, response) => {
		handle(request, response).catch(() => response.writeHead(500).end());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		received,
		/** Codes of the requests refused for being wrong (signature, sign name…), in order. */
		refusals,
		/** The next valid requests are answered with these error codes, one each, in order. */
		answerNext: (...codes: string[]) => scripted.push(...codes),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
