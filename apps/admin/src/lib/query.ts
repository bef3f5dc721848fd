/** `search` with `key` set to `value`, as a query string without the `?`. */
export function withParam(search: URLSearchParams, key: string, value: string): string {
	const params = new URLSearchParams(search);
	params.set(key, value);
	return params.toString();
}
