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

/**
 * What a script sends to `deals.record`: an ordinary contract signed at the 2024 WSC, under
 * `requestId` (sent again, it is a replay). Duplicates are acknowledged: load tests record many
 * alike.
 */
export function dealRecord(
	requestId: string,
	facts: { projectName: string; investor: string; totalInvestment?: string }
) {
	return {
		requestId,
		acknowledgeDuplicates: true,
		facts: {
			investorOrigin: 'in_province',
			chainId: 1,
			unitId: 1,
			signingEvent: 'wsc-2024',
			signedOn: '2024-11-04',
			agreementType: 'contract',
			totalInvestment: '1.25亿',
			...facts
		}
	};
}
