import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { currentNavItem, PAGE_ACCESS, navigationFor, NAVIGATION } from './lib/access.ts';

const routes = fileURLToPath(new URL('./routes', import.meta.url));

/** SvelteKit route ids of every page (a folder with +page.svelte) under a directory. */
function pageRouteIds(dir: string): string[] {
	const ids: string[] = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) ids.push(...pageRouteIds(path));
		else if (name === '+page.svelte') {
			const id = `/${relative(routes, dir).split(sep).join('/')}`;
			ids.push(id === '/' ? '/' : id.replace(/\/$/, ''));
		}
	}
	return ids;
}

test('every staff page states the roles that may open it', () => {
	const staffPages = pageRouteIds(join(routes, '(staff)'));
	expect(staffPages.length).toBeGreaterThan(0);
	expect(staffPages.sort()).toEqual(Object.keys(PAGE_ACCESS).sort());
});

test('no page outside the staff group exists but the sign-in page and the big screen', () => {
	const all = pageRouteIds(routes).filter((id) => !id.startsWith('/(staff)'));
	expect(all.sort()).toEqual(['/login', '/screen/[token]']);
});

test('each role sees the navigation its pages allow', () => {
	const hrefs = (roles: Parameters<typeof navigationFor>[0]) =>
		navigationFor(roles).map((i) => i.href);
	expect(hrefs(['admin'])).toEqual([
		'/',
		'/live',
		'/checkin',
		'/deals',
		'/agenda/ceremony',
		'/registrations',
		'/agenda',
		'/invitations',
		'/delegations',
		'/badges',
		'/exhibition',
		'/notices',
		'/settings',
		'/account'
	]);
	expect(hrefs(['recorder'])).toEqual(['/', '/live', '/deals', '/agenda/ceremony', '/account']);
	expect(hrefs(['door'])).toEqual(['/', '/checkin', '/registrations', '/account']);
	expect(hrefs(['leader'])).toEqual(['/', '/live', '/deals', '/agenda/ceremony', '/account']);
	for (const item of NAVIGATION) {
		const routeId = item.href === '/' ? '/(staff)' : `/(staff)${item.href}`;
		expect(item.roles, item.href).toEqual(PAGE_ACCESS[routeId]);
	}
});

test('the navigation marks the deepest item the address is under', () => {
	const hrefs = NAVIGATION.map((item) => item.href);
	expect(currentNavItem(hrefs, '/agenda/ceremony/12')).toBe('/agenda/ceremony');
	expect(currentNavItem(hrefs, '/agenda/12/signups')).toBe('/agenda');
	expect(currentNavItem(hrefs, '/agenda')).toBe('/agenda');
	expect(currentNavItem(hrefs, '/')).toBe('/');
	expect(currentNavItem(hrefs, '/dealsx')).toBeUndefined();
	expect(currentNavItem(['/', '/live'], '/agenda/ceremony')).toBeUndefined();
	expect(currentNavItem(hrefs, '/exhibition/booths')).toBe('/exhibition');
	expect(currentNavItem(hrefs, '/exhibition')).toBe('/exhibition');
});

test('only admins open the invitations: the list names invited VIPs before they answer', () => {
	expect(PAGE_ACCESS['/(staff)/invitations']).toEqual(['admin']);
	expect(PAGE_ACCESS['/(staff)/invitations/import']).toEqual(['admin']);
});

test('only admins open the targets and the chains-and-units settings', () => {
	expect(PAGE_ACCESS['/(staff)/settings/targets']).toEqual(['admin']);
	expect(PAGE_ACCESS['/(staff)/settings/organisation']).toEqual(['admin']);
});

test('only admins open the exhibitor applications: they show each company’s contact in full', () => {
	expect(PAGE_ACCESS['/(staff)/exhibition/applications']).toEqual(['admin']);
	expect(PAGE_ACCESS['/(staff)/exhibition/exhibitors/[id]']).toEqual(['admin']);
});
