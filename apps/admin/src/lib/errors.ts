import { m } from '$lib/paraglide/messages';

type Message = () => string;

/**
 * The words for a refusal code from the API (an AppError reason or a zod field code): the
 * message `error_<code>`. An unknown code still gets a sentence, never a raw code; a unit test
 * checks every code the API can give has its message in both languages.
 */
export function errorText(code: string): string {
	const message = (m as unknown as Record<string, Message | undefined>)[`error_${code}`];
	return (message ?? m.error_unexpected)();
}
