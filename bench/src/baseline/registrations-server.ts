import { AppError, register } from '@huizhan/api';
import { Refusal, serveJsonPost } from './json-post-server.ts';

/*
 * POST /api/trpc/registration.register with nothing but node:http: the same `register` the
 * attendee app's procedure calls, through the same group commit — one IMMEDIATE transaction
 * with the duplicate check, the seat count and the insert, on the same kind of database — and
 * an answer of the same shape. No
 * tRPC, no zod (the mobile arrives as the bench sends it and is taken as E.164 by prefixing
 * +86), no per-address limit: what the app loses against this is what those and SvelteKit cost
 * per registration. Configured like the apps: PORT, HOST, DATABASE_PATH.
 */

interface RegisterRequest {
	conferenceId: string;
	category: 'visitor' | 'delegate' | 'exhibitor' | 'media' | 'vip';
	name: string;
	organisation: string;
	title?: string;
	mobile: string;
	email?: string;
}

await serveJsonPost('registrations-server', '/api/trpc/registration.register', ({ writes }) => {
	// As the app does: a busy moment's registrations share one durable commit.
	return async (body) => {
		const input = body as RegisterRequest;
		try {
			const outcome = await writes.run((tx) =>
				register(
					tx,
					{
						conferenceId: input.conferenceId,
						category: input.category,
						name: input.name,
						organisation: input.organisation,
						title: input.title ?? '',
						mobile: `+86${input.mobile}`,
						email: input.email || null,
						country: 'CN',
						language: 'zh-CN',
						answers: {},
						sessions: [],
						consent: true,
						shareContacts: false
					},
					new Date()
				)
			);
			return { status: 200, body: { result: { data: outcome } } };
		} catch (error) {
			if (error instanceof AppError)
				throw new Refusal(409, { error: { data: { reason: error.reason } } });
			throw error;
		}
	};
});
