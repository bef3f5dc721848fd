/**
 * How long a notice is as an SMS, so the admin sees the cost before sending. An SMS carries 160
 * characters of the GSM 7-bit alphabet, or 70 UCS-2 units once any other character (any Chinese)
 * is in it; a longer text goes out as parts of 153 or 67, each billed as one message.
 */

const GSM_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters of the GSM extension table: each takes two septets (an escape and itself). */
const GSM_EXTENDED = '^{}\\[~]|€\f';

export interface SmsLength {
	encoding: 'gsm7' | 'ucs2';
	/** Characters as the person typed them. */
	characters: number;
	/** How many SMS the text is sent as. */
	segments: number;
	/** Characters one SMS holds in this encoding: 160 or 70 (Chinese). */
	perSegment: number;
}

export function smsLength(text: string): SmsLength {
	const characters = [...text].length;
	let septets = 0;
	let gsm = true;
	for (const char of text) {
		if (GSM_BASIC.includes(char)) septets += 1;
		else if (GSM_EXTENDED.includes(char)) septets += 2;
		else {
			gsm = false;
			break;
		}
	}
	if (gsm) {
		return {
			encoding: 'gsm7',
			characters,
			segments: septets === 0 ? 0 : septets <= 160 ? 1 : Math.ceil(septets / 153),
			perSegment: 160
		};
	}
	// UTF-16 code units: a character outside the BMP (an emoji) takes two.
	const units = text.length;
	return {
		encoding: 'ucs2',
		characters,
		segments: units <= 70 ? 1 : Math.ceil(units / 67),
		perSegment: 70
	};
}
