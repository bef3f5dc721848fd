import { expect, test } from 'vitest';
import { YI } from '@huizhan/ledger';
import { createAdminCaller } from '../root.ts';
import { seededContext, staff } from '../test-support.ts';

test('groups the targets by conference, then the whole year', async () => {
	const { ctx, close } = seededContext({ user: staff(['leader']) });
	const groups = await createAdminCaller(ctx).targets.byScope();
	expect(groups.map((g) => g.conference?.id ?? 'year')).toEqual([
		'diamond-2024',
		'wsc-2024',
		'diamond-2027',
		'wsc-2027',
		'year'
	]);
	expect(groups[1]?.targets).toEqual([
		expect.objectContaining({ metric: 'signed_amount', value: 500 * YI, periodEnd: '2024-11-05' })
	]);
	expect(groups[4]?.targets.map((t) => [t.metric, t.value])).toEqual(
		expect.arrayContaining([
			['signed_amount', 600 * YI],
			['formal_signing_count', 10],
			['landed_100yi_count', 2]
		])
	);
	close();
});
