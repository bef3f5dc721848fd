import { eq } from 'drizzle-orm';
import { tables, type Db } from '@huizhan/db';
import { isVisibleToPublic } from '../editions/rules.ts';
import { AppError } from '../errors.ts';
import { agendaOf, type AgendaSession } from './agenda.ts';
import { sessionView } from './agenda-sessions.ts';

/*
 * The public agenda of the attendee site: what an edition's page shows, under the same rule as
 * the page itself (a draft is not found, except to the holder of a preview grant for it). No
 * one's sign-up is shown, only the seats a session has left.
 */

const publicSession = (session: AgendaSession) => {
	const { signedUp, ...view } = sessionView(session);
	return {
		...view,
		/** Null when the session has no capacity: the room takes whoever may come. */
		seatsLeft: session.capacity === null ? null : Math.max(0, session.capacity - signedUp)
	};
};
export type PublicSession = ReturnType<typeof publicSession>;

/** Not found unless the edition is public, or a draft previewed by the holder of its grant. */
export async function assertPublic(db: Db, conferenceId: string, previewOf: string | null) {
	const { conferences } = tables(db);
	const [conference] = await db
		.select({ id: conferences.id, status: conferences.status })
		.from(conferences)
		.where(eq(conferences.id, conferenceId));
	const preview = conference?.status === 'draft' && previewOf === conference.id;
	if (!conference || !(isVisibleToPublic(conference.status) || preview)) {
		throw new AppError('NOT_FOUND', 'conference_not_found', `no conference ${conferenceId}`);
	}
}

/** A public edition's sessions in time order, with speakers and seats left. */
export async function publicAgenda(db: Db, conferenceId: string, previewOf: string | null) {
	await assertPublic(db, conferenceId, previewOf);
	return (await agendaOf(db, conferenceId)).map(publicSession);
}

/** One session of a public edition; not found when it belongs to another edition. */
export async function publicAgendaSession(
	db: Db,
	conferenceId: string,
	sessionId: number,
	previewOf: string | null
) {
	const session = (await publicAgenda(db, conferenceId, previewOf)).find((s) => s.id === sessionId);
	if (!session) throw new AppError('NOT_FOUND', 'session_not_found', `no session ${sessionId}`);
	return session;
}
