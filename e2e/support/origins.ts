/** Where the end-to-end run serves the two built apps: not the `npm start` ports, so both can run. */
export const ATTENDEE_PORT = 3100;
export const ADMIN_PORT = 3101;
export const ATTENDEE = `http://127.0.0.1:${ATTENDEE_PORT}`;
export const ADMIN = `http://127.0.0.1:${ADMIN_PORT}`;
