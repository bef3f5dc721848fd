import type { Page } from '@playwright/test';

/**
 * The choices the new-deal form leaves empty for the recorder to make (nothing is pre-selected),
 * filled with ordinary values; a test passes only what it cares about.
 */
export async function chooseDealFacts(
	page: Page,
	choices: { origin?: string; chain?: string; unit?: string; agreement?: string } = {}
) {
	await page.getByLabel('投资方来源').selectOption({ label: choices.origin ?? '省外' });
	await page.getByLabel('产业链').selectOption({ label: choices.chain ?? '智能传感器' });
	await page.getByLabel('责任单位').selectOption({ label: choices.unit ?? '投资促进部' });
	await page.getByLabel('协议类型').selectOption({ label: choices.agreement ?? '正式合同' });
}
