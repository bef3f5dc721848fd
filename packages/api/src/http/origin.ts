/**
 * Whether a state-changing request may proceed: a browser always sends `Origin` on a POST, and
 * it must be this app's. A request without `Origin` is accepted only when it carries no cookie
 * (a script with its own credentials), since only a cookie can be ridden by another site.
 */
export function sameOriginMutation(request: Request, appOrigin: string): boolean {
	if (request.method === 'GET' || request.method === 'HEAD') return true;
	const origin = request.headers.get('origin');
	if (origin !== null) return origin === appOrigin;
	return !request.headers.has('cookie');
}
