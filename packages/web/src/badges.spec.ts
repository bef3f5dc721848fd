import { expect, test } from 'vitest';
import { drawBadgeSheet, pagesOf } from './badges.ts';

test('cuts badges into pages of four, the last one shorter', () => {
	expect(pagesOf([1, 2, 3, 4, 5, 6, 7, 8, 9]).map((p) => p.length)).toEqual([4, 4, 1]);
	expect(pagesOf([])).toEqual([]);
	expect(pagesOf([1, 2, 3, 4])).toEqual([[1, 2, 3, 4]]);
});

test('draws each token as a QR and keeps the token itself off the page', async () => {
	const badge = {
		name: '张伟',
		organisation: '某局',
		title: '',
		category: 'delegate' as const,
		categoryColor: '#1565c0',
		reference: 'WSC-2345AB',
		delegation: null,
		token: 'HZ1TOKEN'
	};
	const sheet = await drawBadgeSheet(
		{ conference: null, badges: [badge, { ...badge, token: 'HZ1OTHER' }], skipped: [] },
		async (text) => `<svg>${text.length}</svg>`
	);
	expect(sheet.pages).toHaveLength(1);
	expect(sheet.pages[0]!.map((b) => b.qrSvg)).toEqual(['<svg>8</svg>', '<svg>8</svg>']);
	expect(JSON.stringify(sheet)).not.toContain('HZ1TOKEN');
});
