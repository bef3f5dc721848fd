import type { RunningServer } from './servers.ts';

/** Signs in to the admin app over its API and returns the session token (the cookie's value). */
export async function signIn(
	app: RunningServer,
	login: string,
	password: string,
	signal: AbortSignal
): Promise<string> {
	const response = await fetch(`${app.origin}/api/trpc/auth.signIn`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ login, password }),
		signal
	});
	const answer = (await response.json()) as { result?: { data?: { token?: unknown } } };
	const token = answer.result?.data?.token;
	if (!response.ok || typeof token !== 'string') {
		throw new Error(
			`${app.name}: signing in as ${login} answered ${response.status} ${JSON.stringify(answer)}`
		);
	}
	return token;
}
