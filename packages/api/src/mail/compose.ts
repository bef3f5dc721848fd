import type { schema } from '@huizhan/db';

/** What a message to an attendee says; read from the registration when the message is sent. */
export interface MailFacts {
	kind: schema.MessageKind;
	language: 'zh-CN' | 'en';
	name: string;
	reference: string;
	ticketUrl: string;
	conference: {
		nameZh: string;
		nameEn: string;
		startsOn: string;
		endsOn: string;
		venueZh: string;
		venueEn: string;
	};
}

export interface ComposedMail {
	subject: string;
	text: string;
	html: string;
}

/**
 * The attendee's messages, in the language they registered in. They live here rather than in
 * an app's message files because either app may send them (a registration from the attendee
 * site, an approval from the console).
 */
export function composeMail(facts: MailFacts): ComposedMail {
	const lines = facts.language === 'en' ? english(facts) : chinese(facts);
	return {
		subject: lines.subject,
		text: [...lines.body, '', facts.ticketUrl, '', ...lines.footer].join('\n'),
		html: html(lines, facts.ticketUrl)
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

function chinese({ kind, name, reference, conference: c }: MailFacts): Lines {
	const when = `${dateRange(c.startsOn, c.endsOn)}，${c.venueZh}`;
	const confirmed = kind === 'registration_confirmed';
	return {
		subject: confirmed
			? `【${c.nameZh}】报名成功 · ${reference}`
			: `【${c.nameZh}】报名已收到，等待审核 · ${reference}`,
		body: [
			`尊敬的${name}：`,
			'',
			confirmed
				? `您已成功报名${c.nameZh}（${when}）。`
				: `我们已收到您报名${c.nameZh}（${when}）的申请，审核通过后会再发邮件通知您。`,
			`报名编号：${reference}`,
			confirmed
				? '入场时请出示电子门票上的二维码；如无法扫码，请向工作人员报出报名编号。'
				: '您可随时打开下面的链接查看审核进度。',
			'如需取消报名，请在门票页面操作。'
		],
		link: confirmed ? '打开电子门票' : '查看报名状态',
		footer: [`${c.nameZh}组委会`, '此邮件由系统自动发送，请勿直接回复。']
	};
}

function english({ kind, name, reference, conference: c }: MailFacts): Lines {
	const when = `${dateRange(c.startsOn, c.endsOn)}, ${c.venueEn}`;
	const confirmed = kind === 'registration_confirmed';
	return {
		subject: confirmed
			? `${c.nameEn}: you are registered · ${reference}`
			: `${c.nameEn}: registration received, awaiting approval · ${reference}`,
		body: [
			`Dear ${name},`,
			'',
			confirmed
				? `You are registered for ${c.nameEn} (${when}).`
				: `We have received your registration for ${c.nameEn} (${when}). We will write again once it has been reviewed.`,
			`Reference: ${reference}`,
			confirmed
				? 'Show the QR code on your ticket at the entrance; if it cannot be scanned, give the staff your reference.'
				: 'You can follow the review at the link below.',
			'To cancel, use the ticket page.'
		],
		link: confirmed ? 'Open your ticket' : 'See your registration',
		footer: [`The ${c.nameEn} team`, 'This message was sent automatically; please do not reply.']
	};
}

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch
	);

/** A plain layout that mail clients (QQ Mail, 163, Outlook, Gmail) all render the same. */
function html(lines: Lines, ticketUrl: string): string {
	const paragraphs = lines.body
		.filter((line) => line !== '')
		.map((line) => `<p style="margin:0 0 12px">${escapeHtml(line)}</p>`)
		.join('');
	const url = escapeHtml(ticketUrl);
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
