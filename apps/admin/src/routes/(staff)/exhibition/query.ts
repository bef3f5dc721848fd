/** The page's query without a form action's key (`/hold`), kept across the forms it posts. */
export function pageQuery(search: URLSearchParams): URLSearchParams {
	const params = new URLSearchParams(search);
	for (const key of [...params.keys()]) if (key.startsWith('/')) params.delete(key);
	return params;
}

/** `search` with each key set, or removed when null; a query string with its `?`. */
export function changedQuery(search: URLSearchParams, changes: Record<string, string | null>) {
	const params = new URLSearchParams(search);
	for (const [key, value] of Object.entries(changes))
		if (value === null) params.delete(key);
		else params.set(key, value);
	return `?${params.toString()}`;
}

/**
 * A named form action that keeps the page's query (`?conference=…&/hold`): posted without
 * JavaScript, the page comes back showing the same edition and filters.
 */
export const actionOf = (kept: URLSearchParams, name: string) =>
	`?${kept.toString()}${kept.size ? '&' : ''}/${name}`;
