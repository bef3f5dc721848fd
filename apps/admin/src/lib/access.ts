import type { StaffRole } from '@huizhan/api';

const ALL_STAFF: readonly StaffRole[] = ['admin', 'recorder', 'door', 'leader'];

/**
 * Who may open each page of the console, by SvelteKit route id. The staff layout refuses any
 * page missing here (fail closed), and a test fails when a page under (staff) has no entry.
 */
export const PAGE_ACCESS: Record<string, readonly StaffRole[]> = {
	'/(staff)': ALL_STAFF,
	'/(staff)/account': ALL_STAFF,
	'/(staff)/live': ['leader', 'admin', 'recorder'],
	'/(staff)/deals': ['recorder', 'admin', 'leader'],
	'/(staff)/deals/new': ['recorder', 'admin'],
	'/(staff)/deals/import': ['recorder', 'admin'],
	'/(staff)/deals/[id]': ['recorder', 'admin', 'leader'],
	'/(staff)/registrations': ['admin', 'door'],
	'/(staff)/agenda': ['admin'],
	'/(staff)/agenda/new': ['admin'],
	'/(staff)/agenda/[id]': ['admin'],
	// A notice reaches thousands of phones in the organiser's name: admins only (docs/api.md).
	'/(staff)/notices': ['admin'],
	// Admins alone: the list names invited VIPs before they answer (docs/architecture.md).
	'/(staff)/invitations': ['admin'],
	'/(staff)/invitations/import': ['admin'],
	'/(staff)/registrations/vetting': ['admin'],
	'/(staff)/checkin': ['door', 'admin'],
	'/(staff)/checkin/review': ['admin'],
	'/(staff)/settings/checkpoints': ['admin'],
	'/(staff)/settings/devices': ['admin'],
	'/(staff)/settings': ['admin'],
	'/(staff)/settings/users': ['admin'],
	'/(staff)/settings/audit': ['admin'],
	'/(staff)/settings/mail': ['admin'],
	'/(staff)/settings/screens': ['admin'],
	'/(staff)/settings/conferences': ['admin'],
	'/(staff)/settings/conferences/[id]': ['admin'],
	'/(staff)/settings/targets': ['admin'],
	'/(staff)/settings/organisation': ['admin'],
	'/(staff)/delegations': ['admin'],
	'/(staff)/delegations/[id]': ['admin'],
	'/(staff)/badges': ['admin'],
	// Names of who signed up, contacts masked; the export has them in full (docs/api.md).
	'/(staff)/agenda/[id]/signups': ['admin'],
	// Recorders run the ceremony with admins; leadership may follow its running order.
	'/(staff)/agenda/ceremony': ['recorder', 'admin', 'leader'],
	'/(staff)/agenda/ceremony/[sessionId]': ['recorder', 'admin', 'leader'],
	// Companies' applications with their contacts in full: admins only (docs/api.md).
	'/(staff)/exhibition/applications': ['admin'],
	'/(staff)/exhibition/exhibitors/[id]': ['admin'],
	// The exhibition's floor, its rules and who holds which booth: the organiser's, admins only.
	'/(staff)/exhibition': ['admin'],
	'/(staff)/exhibition/booths': ['admin'],
	'/(staff)/exhibition/booths/import': ['admin'],
	'/(staff)/exhibition/settings': ['admin']
};

export interface NavItem {
	href:
		| '/'
		| '/live'
		| '/checkin'
		| '/deals'
		| '/registrations'
		| '/agenda'
		| '/agenda/ceremony'
		| '/notices'
		| '/invitations'
		| '/delegations'
		| '/badges'
		| '/exhibition'
		| '/settings'
		| '/account';
	label:
		| 'nav_home'
		| 'nav_live'
		| 'nav_checkin'
		| 'nav_deals'
		| 'nav_registrations'
		| 'nav_agenda'
		| 'nav_ceremony'
		| 'nav_notices'
		| 'nav_invitations'
		| 'nav_delegations'
		| 'nav_badges'
		| 'nav_exhibition'
		| 'nav_settings'
		| 'nav_account';
	roles: readonly StaffRole[];
}

/** The console's navigation; each user sees the items their roles open. */
export const NAVIGATION: NavItem[] = [
	{ href: '/', label: 'nav_home', roles: PAGE_ACCESS['/(staff)']! },
	{ href: '/live', label: 'nav_live', roles: PAGE_ACCESS['/(staff)/live']! },
	{ href: '/checkin', label: 'nav_checkin', roles: PAGE_ACCESS['/(staff)/checkin']! },
	{ href: '/deals', label: 'nav_deals', roles: PAGE_ACCESS['/(staff)/deals']! },
	// The podium's console: recorders run it beside the stage, leadership follows it.
	{
		href: '/agenda/ceremony',
		label: 'nav_ceremony',
		roles: PAGE_ACCESS['/(staff)/agenda/ceremony']!
	},
	{
		href: '/registrations',
		label: 'nav_registrations',
		roles: PAGE_ACCESS['/(staff)/registrations']!
	},
	// What happens where: the sessions people sign up for and the gates of the forums.
	{ href: '/agenda', label: 'nav_agenda', roles: PAGE_ACCESS['/(staff)/agenda']! },
	// Who comes (invited, in delegations), their badges, then what they are told.
	{ href: '/invitations', label: 'nav_invitations', roles: PAGE_ACCESS['/(staff)/invitations']! },
	{
		href: '/delegations',
		label: 'nav_delegations',
		roles: PAGE_ACCESS['/(staff)/delegations']!
	},
	{ href: '/badges', label: 'nav_badges', roles: PAGE_ACCESS['/(staff)/badges']! },
	// The exhibition (展览): halls and booths, the exhibitors' applications, the rules.
	{ href: '/exhibition', label: 'nav_exhibition', roles: PAGE_ACCESS['/(staff)/exhibition']! },
	{ href: '/notices', label: 'nav_notices', roles: PAGE_ACCESS['/(staff)/notices']! },
	{ href: '/settings', label: 'nav_settings', roles: PAGE_ACCESS['/(staff)/settings']! },
	{ href: '/account', label: 'nav_account', roles: PAGE_ACCESS['/(staff)/account']! }
];

/**
 * The item of `hrefs` the address is under, the deepest one: on /agenda/ceremony/12 that is the
 * ceremony, not the agenda. Undefined when it is under none.
 */
export const currentNavItem = (hrefs: readonly string[], pathname: string): string | undefined =>
	hrefs
		.filter((href) =>
			href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`)
		)
		.sort((a, b) => b.length - a.length)[0];

export const navigationFor = (roles: readonly StaffRole[]): NavItem[] =>
	NAVIGATION.filter((item) => item.roles.some((role) => roles.includes(role)));
