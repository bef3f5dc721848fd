import { createCallerFactory, router } from './trpc.ts';
import { agendaRouter, publicAgendaRouter } from './routers/agenda.ts';
import { auditRouter } from './routers/audit.ts';
import { ceremonyRouter } from './routers/ceremony.ts';
import { checkinRouter, checkpointsRouter, scannerDevicesRouter } from './routers/checkin.ts';
import { authRouter } from './routers/auth.ts';
import { boothsRouter, exhibitionRulesRouter } from './routers/booths.ts';
import { exhibitorApplicationRouter, exhibitorsRouter } from './routers/exhibitor-applications.ts';
import { exhibitorDirectoryRouter } from './routers/exhibitor-directory.ts';
import { exhibitorPageRouter } from './routers/exhibitor-page.ts';
import { leadsRouter } from './routers/leads.ts';
import { conferencesRouter } from './routers/conferences.ts';
import { dealSheetsRouter } from './routers/deal-sheets.ts';
import { dealsRouter } from './routers/deals.ts';
import { badgesRouter, delegationRouter, delegationsRouter } from './routers/delegations.ts';
import { editionsRouter } from './routers/editions.ts';
import { invitationRouter, invitationsRouter } from './routers/invitations.ts';
import { mailRouter } from './routers/mail.ts';
import { noticesRouter } from './routers/notices.ts';
import { organisationRouter } from './routers/organisation.ts';
import { previewsRouter } from './routers/previews.ts';
import { questionsRouter } from './routers/questions.ts';
import { referenceRouter } from './routers/reference.ts';
import { registrationRouter } from './routers/registrations.ts';
import { registrationDeskRouter } from './routers/registration-desk.ts';
import { liveRouter } from './routers/live.ts';
import { screensRouter } from './routers/screens.ts';
import { sessionSignupsRouter } from './routers/session-signups.ts';
import { setupRouter } from './routers/setup.ts';
import { targetsRouter } from './routers/targets.ts';
import { vettingRouter } from './routers/vetting.ts';
import { accountRouter, usersRouter } from './routers/users.ts';

/** What the attendee app mounts: public procedures only. */
export const attendeeRouter = router({
	conferences: conferencesRouter,
	registration: registrationRouter,
	invitation: invitationRouter,
	delegation: delegationRouter,
	agenda: publicAgendaRouter,
	exhibitorApplication: exhibitorApplicationRouter,
	exhibitorPage: exhibitorPageRouter,
	leads: leadsRouter,
	exhibitors: exhibitorDirectoryRouter
});
export type AttendeeRouter = typeof attendeeRouter;

/** What the admin app mounts: the staff console's procedures. */
export const adminRouter = router({
	auth: authRouter,
	// The same public list as the attendee site: filters and forms of the console need it.
	conferences: conferencesRouter,
	editions: editionsRouter,
	previews: previewsRouter,
	setup: setupRouter,
	account: accountRouter,
	users: usersRouter,
	audit: auditRouter,
	targets: targetsRouter,
	organisation: organisationRouter,
	deals: dealsRouter,
	dealSheets: dealSheetsRouter,
	reference: referenceRouter,
	registrations: registrationDeskRouter,
	questions: questionsRouter,
	agenda: agendaRouter,
	vetting: vettingRouter,
	mail: mailRouter,
	notices: noticesRouter,
	checkin: checkinRouter,
	checkpoints: checkpointsRouter,
	scannerDevices: scannerDevicesRouter,
	live: liveRouter,
	screens: screensRouter,
	invitations: invitationsRouter,
	delegations: delegationsRouter,
	badges: badgesRouter,
	sessionSignups: sessionSignupsRouter,
	ceremony: ceremonyRouter,
	exhibitors: exhibitorsRouter,
	booths: boothsRouter,
	exhibitionRules: exhibitionRulesRouter
});
export type AdminRouter = typeof adminRouter;

export const createAttendeeCaller = createCallerFactory(attendeeRouter);
export const createAdminCaller = createCallerFactory(adminRouter);
