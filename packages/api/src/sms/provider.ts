import type { schema } from '@huizhan/db';

/** One text to one number, as Chinese providers take it: an approved template and its values. */
export interface SmsRequest {
	/** E.164, `+8613800138000`. */
	mobile: string;
	templateId: string;
	/**
	 * The template's variables by name, in the order the template uses them: Aliyun takes them by
	 * name, Tencent by position.
	 */
	params: Record<string, string>;
	/** The approved signature (签名) printed as 【…】 before the text. */
	signName: string;
}

export type SmsResult =
	| { ok: true; messageId: string }
	/**
	 * `permanent`: sending the same request again cannot succeed (a number the provider refuses,
	 * an unapproved template); anything else is tried again later.
	 */
	| { ok: false; code: string; message: string; permanent: boolean };

export interface SmsProvider {
	readonly name: 'aliyun' | 'tencent';
	send(request: SmsRequest): Promise<SmsResult>;
}

/** Template ids per message kind; `en` ones are used for English-speaking recipients when set. */
export type SmsTemplates = Record<schema.MessageKind, { zh: string; en: string | undefined }>;

/**
 * A failure of the network or the provider's front end, not an answer: always worth retrying.
 * Carries no request details, which hold the number and the signed query.
 */
export const unreachable = (error: unknown): SmsResult => ({
	ok: false,
	code: 'unreachable',
	message: error instanceof Error ? error.message : String(error),
	permanent: false
});

/** How long a provider may take before the attempt counts as failed (well inside the claim lease). */
export const SMS_TIMEOUT_MS = 15_000;
