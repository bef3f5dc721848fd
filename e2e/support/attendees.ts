import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { ADMIN, ATTENDEE } from './origins.ts';
import { DEMO_PASSWORD } from './staff.ts';

/** A mobile no other test run uses: the demo database refuses a second registration with it. */
export const uniqueMobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** A name no other registration in the shared demo database has, so searches find one person. */
export const uniqueName = (prefix: string) =>
	`${prefix}${Math.random().toString(36).slice(2, 7).toUpperCase()}`;

export interface Attendee {
	name: string;
	secret: string;
	token: string;
	reference: string;
	registrationId: number;
}

/**
 * Registers through the attendee site's public procedure (as its form does) and reads the ticket
 * token back from `registration.ticket`. The site allows so many registrations per address a
 * minute; past that it answers 429 and this waits for the window to pass.
 */
export async function registerAttendee(
	request: APIRequestContext,
	person: { conferenceId: string; name: string; category?: string; organisation?: string },
	site = ATTENDEE
): Promise<Attendee> {
	let data: {
		outcome: string;
		status: string;
		ticketSecret: string;
		reference: string;
		registrationId: number;
	};
	for (let attempt = 0; ; attempt++) {
		const response = await request.post(`${site}/api/trpc/registration.register`, {
			headers: { 'content-type': 'application/json' },
			data: {
				conferenceId: person.conferenceId,
				category: person.category ?? 'visitor',
				name: person.name,
				organisation: person.organisation ?? '郑州大学',
				mobile: uniqueMobile(),
				consent: true
			}
		});
		if (response.status() === 429 && attempt < 8) {
			await new Promise((r) => setTimeout(r, 10_000));
			continue;
		}
		expect(response.status(), await response.text()).toBe(200);
		data = (await response.json()).result.data;
		break;
	}
	expect(data.outcome).toBe('registered');
	// 嘉宾, VIP and media wait for approval: the demo admin approves, as the registration desk would.
	if (data.status === 'pending') await approveRegistration(data.registrationId, adminOf(site));
	const ticket = await request.get(
		`${site}/api/trpc/registration.ticket?input=${encodeURIComponent(JSON.stringify({ secret: data.ticketSecret }))}`
	);
	const token = (await ticket.json()).result.data.token as string;
	expect(token).toMatch(/^HZ1[A-Z2-7]+$/);
	return {
		name: person.name,
		secret: data.ticketSecret,
		token,
		reference: data.reference,
		registrationId: data.registrationId
	};
}

/** Opens the scanner page and chooses a gate, as door staff do once per device. */
export async function openGate(page: Page, conference: string, gate: string, console = ADMIN) {
	await page.goto(`${console}/checkin`);
	await page.getByLabel('大会').selectOption({ label: conference });
	await page.getByLabel('闸口').selectOption({ label: gate });
	await page.getByRole('button', { name: '开始检票' }).click();
	await expect(page.getByTestId('gate-name')).toHaveText(gate);
	await expect(page.getByText(/离线数据更新于/)).toBeVisible();
}

/** Types a code into the keyboard-wedge input and presses Enter, as a USB scanner does. */
export async function wedgeScan(page: Page, code: string) {
	const wedge = page.getByTestId('wedge');
	await expect(wedge).toBeFocused();
	await wedge.fill(code);
	await wedge.press('Enter');
}

/**
 * Scans and waits for the full-screen verdict of that reason (the wait starts before the scan:
 * a green verdict closes by itself after a moment), then returns the newest line of recent scans.
 */
export async function scan(page: Page, code: string, reason: string): Promise<Locator> {
	const verdict = page.locator(`[data-testid="verdict"][data-reason="${reason}"]`);
	const shown = verdict.waitFor({ state: 'attached' });
	await wedgeScan(page, code);
	await shown;
	// Green closes by itself; amber and red stay a few seconds, so close them as staff do.
	if (reason !== 'ok') await page.keyboard.press('Escape');
	// The wedge input has the focus again for the next scan.
	await expect(page.getByTestId('verdict')).toHaveCount(0);
	await expect(page.getByTestId('wedge')).toBeFocused();
	return page.getByTestId('recent').locator('li').first();
}

/** The console beside an attendee site: the shared run's, or an own instance's next port. */
const adminOf = (site: string) =>
	site === ATTENDEE ? ADMIN : site.replace(/:(\d+)$/, (_, port) => `:${Number(port) + 1}`);

const sessions = new Map<string, string>();

/** Approves a pending registration as the demo admin, through the console's procedures. */
export async function approveRegistration(registrationId: number, console = ADMIN) {
	let cookie = sessions.get(console);
	if (!cookie) {
		const signedIn = await fetch(`${console}/api/trpc/auth.signIn`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ login: 'admin', password: DEMO_PASSWORD })
		});
		expect(signedIn.status).toBe(200);
		const token = ((await signedIn.json()) as { result: { data: { token: string } } }).result.data
			.token;
		cookie = `hz_session=${token}`;
		sessions.set(console, cookie);
	}
	// A script that sends the session cookie names the console as its origin (docs/api.md).
	const decided = await fetch(`${console}/api/trpc/registrations.decide`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie, origin: console },
		body: JSON.stringify({ registrationId, decision: 'approve' })
	});
	expect(decided.status, await decided.text()).toBe(200);
}
