import { defineConfig, devices } from '@playwright/test';
import { ADMIN, ADMIN_PORT, ATTENDEE_PORT } from './support/origins.ts';

export default defineConfig({
	testDir: './tests',
	outputDir: '../.test-results/e2e-artifacts',
	forbidOnly: true,
	retries: 0,
	// A cap for a stuck journey, not a speed check: on a shared two-core machine a multi-page test
	// can spend 30 s (the default) waiting for CPU alone. What a test promises about time it
	// asserts itself (the live dashboard's one second, the screen's ten).
	timeout: 60_000,
	workers: 2,
	reporter: [['list'], ['json']],
	use: {
		// The browser of a reader of Chinese (navigator.languages and Accept-Language), as the
		// journeys expect; language.spec.ts asks for English.
		locale: 'zh-CN',
		// Debian's Chromium: a test tool cannot download its own browser on these machines.
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run'
			]
		},
		trace: 'retain-on-failure',
		screenshot: 'only-on-failure'
	},
	projects: [
		{ name: 'phone', use: { ...devices['Pixel 7'] }, testMatch: /\.phone\.spec\.ts$/ },
		{ name: 'desktop', use: { ...devices['Desktop Chrome'] }, testIgnore: /\.phone\.spec\.ts$/ }
	],
	webServer: {
		command: `node support/serve.mjs ${ATTENDEE_PORT} ${ADMIN_PORT}`,
		url: `${ADMIN}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'pipe',
		stderr: 'pipe'
	}
});
