import { describe, expect, test } from 'vitest';
import { installPlan, missingNeeds, missingSentence } from './browser.mjs';

const machine = (over: Partial<Parameters<typeof installPlan>[0]> = {}) => ({
	env: {},
	isRoot: false,
	hasAptGet: true,
	passwordlessSudo: false,
	...over
});

describe('what the end-to-end tests are missing', () => {
	test('nothing when Debian’s Chromium and a Chinese font are installed', () => {
		expect(
			missingNeeds({
				env: {},
				exists: (path: string) => path === '/usr/bin/chromium',
				hasChineseFont: () => true
			})
		).toEqual([]);
	});

	test('the browser where CHROMIUM_PATH points, and the fonts when Chinese would render as boxes', () => {
		expect(
			missingNeeds({
				env: { CHROMIUM_PATH: '/opt/chromium/chrome' },
				exists: (path: string) => path === '/usr/bin/chromium',
				hasChineseFont: () => false
			})
		).toEqual(['chromium', 'fonts']);
	});
});

describe('how npm test gets them', () => {
	test('does nothing when nothing is missing', () => {
		expect(installPlan({ missing: [], ...machine() })).toEqual({ action: 'none' });
	});

	test('as root installs Debian’s chromium and fonts-noto-cjk with apt-get', () => {
		expect(installPlan({ missing: ['chromium', 'fonts'], ...machine({ isRoot: true }) })).toEqual({
			action: 'install',
			command: ['apt-get'],
			packages: ['chromium', 'fonts-noto-cjk']
		});
	});

	test('installs only the fonts when only the fonts are missing', () => {
		expect(installPlan({ missing: ['fonts'], ...machine({ isRoot: true }) })).toMatchObject({
			packages: ['fonts-noto-cjk']
		});
	});

	test('without root uses sudo only where it asks for no password, and never waits at a prompt', () => {
		expect(installPlan({ missing: ['chromium'], ...machine({ passwordlessSudo: true }) })).toEqual({
			action: 'install',
			command: ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'],
			packages: ['chromium']
		});
	});

	test('otherwise says in one sentence what to install', () => {
		const plan = installPlan({ missing: ['chromium', 'fonts'], ...machine() });
		expect(plan).toEqual({
			action: 'explain',
			sentence:
				'The end-to-end tests need Chromium and CJK fonts (Noto CJK): install them with `sudo apt-get install -y chromium fonts-noto-cjk` (or set CHROMIUM_PATH to a Chromium), then run npm test again.'
		});
		expect(plan.sentence.split('. ')).toHaveLength(1);
	});

	test('explains on a machine without apt-get, even as root', () => {
		expect(
			installPlan({ missing: ['fonts'], ...machine({ isRoot: true, hasAptGet: false }) })
		).toEqual({ action: 'explain', sentence: missingSentence(['fonts']) });
	});

	test('does not install Debian’s Chromium when CHROMIUM_PATH names a browser that is not there', () => {
		expect(
			installPlan({
				missing: ['chromium'],
				...machine({ isRoot: true, env: { CHROMIUM_PATH: '/opt/chromium/chrome' } })
			})
		).toMatchObject({ action: 'explain' });
	});
});
