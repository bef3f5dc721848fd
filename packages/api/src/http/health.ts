import { databaseAnswers, type Sqlite } from '@huizhan/db';

/** `GET /healthz`: 200 `{"ok":true}` when the database answers, 503 otherwise (docs/architecture.md, “Configuration”). */
export function healthResponse(sqlite: Sqlite): Response {
	const ok = databaseAnswers(sqlite);
	return new Response(JSON.stringify({ ok }), {
		status: ok ? 200 : 503,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
}
