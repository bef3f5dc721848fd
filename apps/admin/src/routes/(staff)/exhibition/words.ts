import { m } from '$lib/paraglide/messages';
import { errorText } from '$lib/errors';
import { localized } from '$lib/locale';

type Details = Record<string, string | number | null | undefined> | null | undefined;

/**
 * The words of a refusal of the exhibition's commands, naming what its details tell: the booth's
 * holder ("A-101 已分配给 汉威科技"), the passes to cancel before a release.
 */
export function refusalText(reason: string, details: Details): string {
	const d = details ?? {};
	if (reason === 'booth_taken')
		return m.booth_taken_by({
			number: String(d.number ?? ''),
			holder: localized(String(d.holderZh ?? ''), String(d.holderEn ?? ''))
		});
	if (reason === 'release_leaves_too_many_passes')
		return m.booth_release_passes({
			number: String(d.number ?? ''),
			staff: Number(d.staff ?? 0),
			setup: Number(d.setup ?? 0)
		});
	return errorText(reason);
}
