/**
 * The answers to registration questions as a form posts them (`q12`); a multiple choice sends
 * one value per ticked box. The API keeps only the answered category's and checks them.
 */
export function answersOf(form: FormData): Record<string, string | string[]> {
	const answers: Record<string, string | string[]> = {};
	for (const key of new Set(form.keys())) {
		if (!/^q\d{1,9}$/.test(key)) continue;
		const values = form.getAll(key).map(String);
		answers[key] = values.length === 1 ? values[0]! : values;
	}
	return answers;
}
