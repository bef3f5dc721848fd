import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

// The boundaries between the workspace's parts (docs/architecture.md), as rules rather than prose.
// `no-restricted-imports` takes its options whole from the last block that matches a file, so each
// block below lists every restriction its files are under.

/** Another package is reached by its name and its `exports`, never by climbing into its folder. */
const intoAnotherPackage = {
	regex: '^(\\.\\./)+((packages|apps)/[^/]+|(ledger|db|api|web|attendee|admin|cli)/src)(/|$)',
	message:
		"another package's files are not ours to reach into: import it by name (@huizhan/…), through its exports"
};
/** Packages take their configuration as arguments; only the apps and the CLI read the environment. */
const environment = {
	group: ['$env/*'],
	message: 'packages never read the environment: take the value as an argument from the app'
};
const noEnvironmentProperty = [
	'error',
	{
		object: 'process',
		property: 'env',
		message: 'packages never read the environment: take the value as an argument from the app'
	}
];
const noEnvironmentImport = ['node:process', 'process'].map((name) => ({
	name,
	importNames: ['env'],
	message: 'packages never read the environment: take the value as an argument from the app'
}));
/** The domain is pure: nothing of ours (and nothing of SvelteKit's) inside it. */
const ours = {
	group: ['@huizhan/*', '$lib', '$lib/*', '$app/*'],
	message: 'packages/ledger is the pure domain: it imports nothing of ours'
};
/** Routers validate, authorise and call a service; the queries live in services or packages/db. */
const sql = {
	group: ['drizzle-orm', 'drizzle-orm/*'],
	message:
		'no SQL in routers: move the query into a service (packages/api/src/services) and call it'
};

/*
 * The services run unchanged on SQLite and on PostgreSQL (packages/db chooses). So nothing calls
 * the SQLite driver's own methods — `.all()`, `.get()`, `.run()` exist on SQLite's
 * query builders only — and no query names a table from the SQLite schema module: it takes the
 * tables of the database it runs on, `tables(db)`.
 */
const TABLES =
	'checkpoints|conferences|conferenceCategories|dealImports|installation|ledgerEntries|ledgerTotal|deals|dealTranches|industryChains|responsibleUnits|mailOutbox|registrations|ticketKeys|scannerDevices|scans|scanConflicts|screenLinks|staffSessions|signInThrottle|staffUsers|staffUserRoles|auditLog|targets';
export const dialectNeutral = [
	'error',
	{
		selector:
			'CallExpression[arguments.length=0] > MemberExpression.callee[property.name=/^(all|get|run)$/]',
		message:
			'a SQLite-only call: await the query itself (an array), take `[row]` of it, or use rows()/row()/execute() from @huizhan/db'
	},
	{
		selector:
			'CallExpression > MemberExpression.callee[property.name=/^(all|get|run|values)$/][object.name=/^(db|tx|handle)$/]',
		message: 'a SQLite-only call: use rows()/row()/execute() from @huizhan/db for hand-written SQL'
	},
	{
		selector: `MemberExpression[object.name='schema'][property.name=/^(${TABLES})$/]`,
		message:
			'a table from the SQLite schema module: take the tables of the database the query runs on, `tables(db)`'
	}
];

export const boundaries = [
	{
		files: ['apps/**', 'e2e/**', 'bench/**', 'scripts/**'],
		rules: { 'no-restricted-imports': ['error', { patterns: [intoAnotherPackage] }] }
	},
	{
		files: ['packages/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: noEnvironmentImport, patterns: [intoAnotherPackage, environment] }
			],
			'no-restricted-properties': noEnvironmentProperty
		}
	},
	{
		files: ['packages/ledger/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: noEnvironmentImport, patterns: [intoAnotherPackage, environment, ours] }
			]
		}
	},
	{
		files: ['packages/api/src/routers/**'],
		// A router's test may set up its rows directly.
		ignores: ['**/*.spec.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ paths: noEnvironmentImport, patterns: [intoAnotherPackage, environment, sql] }
			]
		}
	}
];

export default ts.config(
	{
		ignores: [
			'**/node_modules/',
			'**/.svelte-kit/',
			'**/build/',
			'**/dist/',
			'**/.turbo/',
			'**/src/lib/paraglide/',
			'**/test-results/',
			'**/playwright-report/',
			'data/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// Unused values are dead code, except a deliberate `_name` and rest siblings.
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			'no-console': ['error', { allow: ['warn', 'error'] }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } }
	},
	{
		// Command-line programs and scripts talk to the operator on stdout.
		files: ['apps/cli/**', 'scripts/**', 'bench/**', 'e2e/**'],
		rules: { 'no-console': 'off' }
	},
	...boundaries,
	{
		files: [
			'packages/db/src/**/*.ts',
			'packages/api/**/*.ts',
			'apps/**/*.ts',
			'bench/**/*.ts',
			'e2e/**/*.ts'
		],
		// The SQLite connection itself, its migrator and its file backup are SQLite's own.
		ignores: [
			'packages/db/src/sqlite/**',
			'packages/db/src/migrate.ts',
			'packages/db/src/backup.ts',
			// The PostgreSQL schema's own tests name its tables directly, as the schema module does.
			'packages/db/src/schema-pg/**'
		],
		rules: { 'no-restricted-syntax': dialectNeutral }
	}
);
