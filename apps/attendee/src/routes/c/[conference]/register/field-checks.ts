/*
 * Whether a field the server refused now looks right, so the page can take its message away
 * while the attendee fixes it rather than after the next submit. The server's schema stays the
 * judge: these checks only decide when a message has stopped being true, never to refuse.
 * They are deliberately loose where the rule needs data the browser does not have (a mobile's
 * real ranges live in the server's phone metadata): plausible is enough to clear the message.
 */

export interface TypedValues {
	category: string;
	name: string;
	organisation: string;
	title: string;
	mobile: string;
	email: string;
	country: string;
	consent: boolean;
}

/** The form's current values, as the server would receive them. */
export function typedValues(form: FormData): TypedValues {
	const text = (name: string) => String(form.get(name) ?? '');
	return {
		category: text('category'),
		name: text('name'),
		organisation: text('organisation'),
		title: text('title'),
		mobile: text('mobile'),
		email: text('email'),
		country: text('country'),
		consent: form.get('consent') === 'on'
	};
}

const filled = (value: string, max: number) =>
	value.trim().length > 0 && value.trim().length <= max;

/** 11 digits from 1 for the mainland; 7 to 15 digits (E.164's longest) anywhere else. */
function plausibleMobile(mobile: string, country: string): boolean {
	const digits = mobile.replace(/[\s\-().]/g, '');
	if (!/^\+?\d+$/.test(digits)) return false;
	const mainland = (country === '' || country === 'CN') && !digits.startsWith('+');
	if (mainland) return /^1\d{10}$/.test(digits);
	const bare = digits.replace(/^\+/, '');
	return bare.length >= 7 && bare.length <= 15;
}

const plausibleEmail = (email: string) => /^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$/.test(email.trim());

export function looksFixed(field: string, v: TypedValues): boolean {
	switch (field) {
		case 'category':
			return v.category !== '';
		case 'name':
			return filled(v.name, 100);
		case 'organisation':
			return filled(v.organisation, 200);
		case 'title':
			return v.title.trim().length <= 100;
		case 'country':
			return /^[A-Za-z]{2}$/.test(v.country.trim());
		case 'mobile':
			// The field also carries "give a mobile or an email": an email alone answers it.
			return v.mobile.trim() ? plausibleMobile(v.mobile, v.country) : plausibleEmail(v.email);
		case 'email':
			return v.email.trim() === '' || plausibleEmail(v.email);
		case 'consent':
			return v.consent;
		default:
			return false;
	}
}
