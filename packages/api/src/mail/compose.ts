import type { schema } from '@huizhan/db';

/**
 * What a message says, read from its subject when it is sent: the registration (and for a
 * notice, the notice), the invitation, or the delegation.
 */
export interface MessageFacts {
	kind: schema.MessageKind;
	language: 'zh-CN' | 'en';
	/** The registrant's, invitee's or delegation leader's name. */
	name: string;
	/** The registration's reference; null for an invitation or a delegation. */
	reference: string | null;
	/** Where the message leads: the ticket, the invitation (`/i/…`) or the leader's page (`/d/…`). */
	link: string;
	conference: {
		nameZh: string;
		nameEn: string;
		startsOn: string;
		endsOn: string;
		venueZh: string;
		venueEn: string;
	};
	/** For `notice`: what the admin wrote, in both languages. */
	notice?: { bodyZh: string; bodyEn: string } | undefined;
	/** For `delegation_link`: the delegation's name (深圳市代表团). */
	delegation?: string | undefined;
	/** For `invitation`: the last day it can be accepted (Beijing time). */
	expiresOn?: string | undefined;
}

export interface ComposedMail {
	subject: string;
	text: string;
	html: string;
}

/** An SMS as the providers take it: the kind's approved template, filled with these values. */
export interface ComposedSms {
	kind: schema.MessageKind;
	language: 'zh-CN' | 'en';
	/** In the order the template uses them (Tencent's templates take them by position). */
	params: Record<string, string>;
}

/**
 * The messages, in the recipient's language. They live here rather than in an app's message
 * files because either app may send them (a registration from the attendee site, an approval,
 * an invitation or a notice from the console).
 */
export function composeMail(facts: MessageFacts): ComposedMail {
	const lines = facts.language === 'en' ? english(facts) : chinese(facts);
	return {
		subject: lines.subject,
		text: [...lines.body, '', facts.link, '', ...lines.footer].join('\n'),
		html: html(lines, facts.link)
	};
}

interface Lines {
	subject: string;
	body: string[];
	link: string;
	footer: string[];
}

const dateRange = (startsOn: string, endsOn: string) =>
	startsOn === endsOn ? startsOn : `${startsOn} – ${endsOn}`;

/** 【大会】…, with the reference where there is one. */
const withReference = (subject: string, reference: string | null) =>
	reference ? `${subject} · ${reference}` : subject;

function chinese(facts: MessageFacts): Lines {
	const { kind, name, reference, conference: c } = facts;
	const when = `${dateRange(c.startsOn, c.endsOn)}，${c.venueZh}`;
	const footer = [`${c.nameZh}组委会`, '此邮件由系统自动发送，请勿直接回复。'];
	const greeting = [`尊敬的${name}：`, ''];
	const ref = reference ? [`报名编号：${reference}`] : [];
	switch (kind) {
		case 'registration_confirmed':
			return {
				subject: withReference(`【${c.nameZh}】报名成功`, reference),
				body: [
					...greeting,
					`您已成功报名${c.nameZh}（${when}）。`,
					...ref,
					'入场时请出示电子门票上的二维码；如无法扫码，请向工作人员报出报名编号。',
					'如需取消报名，请在门票页面操作。'
				],
				link: '打开电子门票',
				footer
			};
		case 'registration_received':
			return {
				subject: withReference(`【${c.nameZh}】报名已收到，等待审核`, reference),
				body: [
					...greeting,
					`我们已收到您报名${c.nameZh}（${when}）的申请，审核通过后会再通知您。`,
					...ref,
					'您可随时打开下面的链接查看审核进度。',
					'如需取消报名，请在门票页面操作。'
				],
				link: '查看报名状态',
				footer
			};
		case 'registration_declined':
			return {
				subject: withReference(`【${c.nameZh}】报名结果`, reference),
				body: [
					...greeting,
					`感谢您报名${c.nameZh}。很遗憾，您的报名未能通过审核，本次无法为您安排参会。`,
					...ref
				],
				link: '查看报名状态',
				footer
			};
		case 'registration_reminder':
			return {
				subject: withReference(`【${c.nameZh}】明天开幕`, reference),
				body: [
					...greeting,
					`${c.nameZh}将于明天（${c.startsOn}）在${c.venueZh}开幕，期待您的光临。`,
					...ref,
					'入场时请出示电子门票上的二维码。'
				],
				link: '打开电子门票',
				footer
			};
		case 'invitation':
			return {
				subject: `【${c.nameZh}】诚邀您出席`,
				body: [
					...greeting,
					`诚挚邀请您出席${c.nameZh}（${when}）。`,
					'请打开下面的链接确认是否出席；确认后即可获得电子门票。',
					...(facts.expiresOn ? [`请于${facts.expiresOn}前回复。`] : [])
				],
				link: '查看邀请函',
				footer
			};
		case 'delegation_link':
			return {
				subject: `【${c.nameZh}】${facts.delegation ?? '代表团'}报名链接`,
				body: [
					...greeting,
					`您是${facts.delegation ?? '代表团'}参加${c.nameZh}（${when}）的联系人。`,
					'请打开下面的链接登记代表团成员，每位成员将收到自己的电子门票。',
					'此链接仅供您本人使用，请勿转发。'
				],
				link: '登记代表团成员',
				footer
			};
		case 'notice':
			return {
				subject: `【${c.nameZh}】通知`,
				body: [...greeting, facts.notice?.bodyZh ?? '', ...ref],
				link: '打开电子门票',
				footer
			};
	}
}

function english(facts: MessageFacts): Lines {
	const { kind, name, reference, conference: c } = facts;
	const when = `${dateRange(c.startsOn, c.endsOn)}, ${c.venueEn}`;
	const footer = [
		`The ${c.nameEn} team`,
		'This message was sent automatically; please do not reply.'
	];
	const greeting = [`Dear ${name},`, ''];
	const ref = reference ? [`Reference: ${reference}`] : [];
	switch (kind) {
		case 'registration_confirmed':
			return {
				subject: withReference(`${c.nameEn}: you are registered`, reference),
				body: [
					...greeting,
					`You are registered for ${c.nameEn} (${when}).`,
					...ref,
					'Show the QR code on your ticket at the entrance; if it cannot be scanned, give the staff your reference.',
					'To cancel, use the ticket page.'
				],
				link: 'Open your ticket',
				footer
			};
		case 'registration_received':
			return {
				subject: withReference(`${c.nameEn}: registration received, awaiting approval`, reference),
				body: [
					...greeting,
					`We have received your registration for ${c.nameEn} (${when}). We will write again once it has been reviewed.`,
					...ref,
					'You can follow the review at the link below.',
					'To cancel, use the ticket page.'
				],
				link: 'See your registration',
				footer
			};
		case 'registration_declined':
			return {
				subject: withReference(`${c.nameEn}: your registration`, reference),
				body: [
					...greeting,
					`Thank you for registering for ${c.nameEn}. We regret that we cannot offer you a place this time.`,
					...ref
				],
				link: 'See your registration',
				footer
			};
		case 'registration_reminder':
			return {
				subject: withReference(`${c.nameEn} opens tomorrow`, reference),
				body: [
					...greeting,
					`${c.nameEn} opens tomorrow (${c.startsOn}) at ${c.venueEn}. We look forward to seeing you.`,
					...ref,
					'Show the QR code on your ticket at the entrance.'
				],
				link: 'Open your ticket',
				footer
			};
		case 'invitation':
			return {
				subject: `${c.nameEn}: you are invited`,
				body: [
					...greeting,
					`We would be honoured to welcome you to ${c.nameEn} (${when}).`,
					'Please answer at the link below; once you accept, your ticket is ready.',
					...(facts.expiresOn ? [`Please reply by ${facts.expiresOn}.`] : [])
				],
				link: 'See your invitation',
				footer
			};
		case 'delegation_link':
			return {
				subject: `${c.nameEn}: the registration link of ${facts.delegation ?? 'your delegation'}`,
				body: [
					...greeting,
					`You are the contact of ${facts.delegation ?? 'a delegation'} at ${c.nameEn} (${when}).`,
					'Add the members at the link below; each of them receives their own ticket.',
					'The link is for you alone; please do not forward it.'
				],
				link: 'Add the members',
				footer
			};
		case 'notice':
			return {
				subject: `${c.nameEn}: a notice`,
				body: [...greeting, facts.notice?.bodyEn ?? '', ...ref],
				link: 'Open your ticket',
				footer
			};
	}
}

/**
 * The values each kind's SMS template is filled with. The template's fixed text (the
 * greeting, 【sign】, the wording) is approved with the provider beforehand; docs/operations.md
 * lists the variables each template must use.
 */
export function composeSms(facts: MessageFacts): ComposedSms {
	const en = facts.language === 'en';
	const conference = en ? facts.conference.nameEn : facts.conference.nameZh;
	const reference = facts.reference ?? '';
	const params = ((): Record<string, string> => {
		switch (facts.kind) {
			case 'registration_received':
				return { name: facts.name, conference, reference };
			case 'registration_confirmed':
				return { name: facts.name, conference, reference, link: facts.link };
			case 'registration_declined':
				return { name: facts.name, conference };
			case 'registration_reminder':
				return {
					name: facts.name,
					conference,
					date: facts.conference.startsOn,
					venue: en ? facts.conference.venueEn : facts.conference.venueZh,
					link: facts.link
				};
			case 'invitation':
				return { name: facts.name, conference, link: facts.link };
			case 'delegation_link':
				return { name: facts.name, delegation: facts.delegation ?? '', link: facts.link };
			case 'notice':
				return {
					conference,
					content: (en ? facts.notice?.bodyEn : facts.notice?.bodyZh) ?? ''
				};
		}
	})();
	return { kind: facts.kind, language: facts.language, params };
}

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch
	);

/** A plain layout that mail clients (QQ Mail, 163, Outlook, Gmail) all render the same. */
function html(lines: Lines, link: string): string {
	const paragraphs = lines.body
		.filter((line) => line !== '')
		.map((line) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`)
		.join('');
	const url = escapeHtml(link);
	return [
		'<!doctype html><html><body style="font-family:sans-serif;font-size:15px;line-height:1.6;color:#1d2329">',
		paragraphs,
		`<p style="margin:20px 0"><a href="${url}" style="background:#1f5fae;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(lines.link)}</a></p>`,
		`<p style="margin:0 0 20px;font-size:13px;color:#5b6570;word-break:break-all">${url}</p>`,
		...lines.footer.map(
			(line) => `<p style="margin:0;font-size:13px;color:#5b6570">${escapeHtml(line)}</p>`
		),
		'</body></html>'
	].join('');
}
