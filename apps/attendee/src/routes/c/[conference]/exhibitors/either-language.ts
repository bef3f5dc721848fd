import { localized } from '$lib/locale';

/**
 * A company's own text in the reader's language, or in the other when it wrote only one: an
 * exhibitor may leave its English products or intro empty.
 */
export const eitherLanguage = (zh: string, en: string): string => localized(zh, en) || zh || en;
