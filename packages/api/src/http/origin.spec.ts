import { expect, test } from 'vitest';
import { sameOriginMutation } from './origin.ts';

const APP = 'http://localhost:3001';
const post = (headers: Record<string, string>) =>
	new Request(`${APP}/api/trpc/auth.signOut`, { method: 'POST', headers });

test('a mutation from this app’s own pages passes', () => {
	expect(sameOriginMutation(post({ origin: APP, cookie: 'hz_session=x' }), APP)).toBe(true);
});

test('a mutation from another origin is refused, with or without a cookie', () => {
	expect(
		sameOriginMutation(post({ origin: 'https://evil.example', cookie: 'hz_session=x' }), APP)
	).toBe(false);
	expect(sameOriginMutation(post({ origin: 'http://localhost:3000' }), APP)).toBe(false);
	expect(sameOriginMutation(post({ origin: 'null', cookie: 'hz_session=x' }), APP)).toBe(false);
});

test('without an Origin header only a cookie-less script passes', () => {
	expect(sameOriginMutation(post({}), APP)).toBe(true);
	expect(sameOriginMutation(post({ cookie: 'hz_session=x' }), APP)).toBe(false);
});

test('reads are never refused here', () => {
	expect(
		sameOriginMutation(
			new Request(`${APP}/api/trpc/auth.me`, { headers: { origin: 'https://evil.example' } }),
			APP
		)
	).toBe(true);
});
