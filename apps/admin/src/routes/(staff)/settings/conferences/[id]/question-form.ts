/**
 * A question as the settings form sends it. Options are typed one a line as
 * `code | 中文 | English` (`halal | 清真 | Halal`), which needs no script to add or remove one; a
 * line with fewer parts is passed on as it is and refused by the procedure's schema.
 */
export function parseOptions(text: string) {
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean)
		.map((line) => {
			const [key = '', zh = '', en = ''] = line.split(/[|｜]/).map((part) => part.trim());
			return { key, zh, en };
		});
}

export const optionsText = (options: { key: string; zh: string; en: string }[] | null) =>
	(options ?? []).map((o) => `${o.key} | ${o.zh} | ${o.en}`).join('\n');

export function questionOf(form: FormData, conferenceId: string) {
	const text = (name: string) => String(form.get(name) ?? '');
	const idText = text('id');
	const values = {
		id: idText,
		category: text('category'),
		kind: text('kind'),
		labelZh: text('labelZh'),
		labelEn: text('labelEn'),
		options: text('options'),
		sortOrder: text('sortOrder'),
		required: form.get('required') === 'on'
	};
	const choice = values.kind === 'single' || values.kind === 'multiple';
	return {
		id: idText ? Number(idText) : null,
		values,
		input: {
			conferenceId,
			category: values.category as 'visitor',
			kind: values.kind as 'text',
			labelZh: values.labelZh,
			labelEn: values.labelEn,
			options: choice ? parseOptions(values.options) : null,
			required: values.required,
			sortOrder: (values.sortOrder || '0') as unknown as number
		}
	};
}
