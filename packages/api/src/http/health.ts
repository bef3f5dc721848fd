import { databaseAnswers, type Db } from '@huizhan/db';

/** `GET /healthz`: 200 `{"ok":true}` when the database answers, 503 otherwise (docs/architecture.md, “Configuration”). */
export async function healthResponse(db: Db): Promise<Response> {
	const ok = await databaseAnswers(db);
	return new Response(JSON.stringify({ ok }), {
		status: ok ? 200 : 503,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
}
