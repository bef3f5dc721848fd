// The door's calls go through the shared fetch client (the attendee site's lead scanning uses it too).
export * from '@huizhan/web/fetch-api';
