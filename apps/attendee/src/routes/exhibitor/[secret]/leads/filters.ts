import { LEAD_RATINGS } from '$lib/leads';

/** The list's filters as the address carries them (`?rating=hot&q=…`), shared with the export. */
export function leadFilters(url: URL) {
	const rating = url.searchParams.get('rating');
	const text = (url.searchParams.get('q') ?? '').trim().slice(0, 100);
	return {
		rating: [...LEAD_RATINGS, 'unrated' as const].find((r) => r === rating),
		text: text || undefined
	};
}
