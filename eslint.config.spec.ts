import { ESLint } from 'eslint';
import { describe, expect, test } from 'vitest';

const eslint = new ESLint({ cwd: import.meta.dirname });

/** The boundary rules that fire on `code` as if it were the file at `filePath`. */
async function broken(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return (result?.messages ?? [])
		.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-properties')
		.map((m) => m.message);
}

describe('the boundaries between packages are lint rules', () => {
	test('a router that imports drizzle-orm is refused; a service may, and so may a router test', async () => {
		const code = "import { eq } from 'drizzle-orm';\nexport const f = eq;\n";
		expect(await broken('packages/api/src/routers/deals.ts', code)).toEqual([
			expect.stringMatching(/no SQL in routers/)
		]);
		expect(await broken('packages/api/src/services/deals.ts', code)).toEqual([]);
		expect(await broken('packages/api/src/routers/deals.spec.ts', code)).toEqual([]);
	});

	test('a package that reads process.env is refused; an app may', async () => {
		const code = 'export const path = process.env.DATABASE_PATH;\n';
		expect(await broken('packages/db/src/client.ts', code)).toEqual([
			expect.stringMatching(/packages never read the environment/)
		]);
		expect(
			await broken(
				'packages/web/src/hooks.ts',
				"import { env } from 'node:process';\nexport { env };\n"
			)
		).toEqual([expect.stringMatching(/packages never read the environment/)]);
		expect(await broken('apps/cli/src/env.ts', code)).toEqual([]);
	});

	test("a relative import into another package's files is refused; one inside the package is not", async () => {
		expect(
			await broken(
				'packages/api/src/services/x.ts',
				"export * from '../../../db/src/schema/index.ts';\n"
			)
		).toEqual([expect.stringMatching(/import it by name/)]);
		expect(
			await broken(
				'e2e/tests/x.spec.ts',
				"export * from '../../packages/api/src/tickets/token.ts';\n"
			)
		).toEqual([expect.stringMatching(/import it by name/)]);
		expect(
			await broken(
				'apps/admin/src/lib/x.ts',
				"export * from '../../../../packages/api/src/index.ts';\n"
			)
		).toEqual([expect.stringMatching(/import it by name/)]);
		expect(
			await broken('packages/db/src/schema/x.ts', "export * from '../ledger/testing.ts';\n")
		).toEqual([]);
	});

	test('the ledger imports nothing of ours, though other packages may', async () => {
		const code = "export { schema } from '@huizhan/db';\n";
		expect(await broken('packages/ledger/src/fold.ts', code)).toEqual([
			expect.stringMatching(/imports nothing of ours/)
		]);
		expect(await broken('packages/api/src/services/x.ts', code)).toEqual([]);
	});
});
