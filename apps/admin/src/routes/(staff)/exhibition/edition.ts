import type { RequestEvent } from '@sveltejs/kit';

/**
 * The edition an exhibition page shows: `?conference=` when it names one, else the open edition,
 * else the latest. Every edition is listed, drafts too: the floor plan is drawn before opening.
 */
export async function chosenEdition({ locals, url }: Pick<RequestEvent, 'locals' | 'url'>) {
	const editions = await locals.api.editions.list();
	const asked = url.searchParams.get('conference');
	const chosen =
		editions.find((e) => e.id === asked) ??
		editions.find((e) => e.status === 'open') ??
		editions.at(-1);
	return { editions, conferenceId: chosen?.id ?? null };
}
