import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * For tests only (the unit tests here and the end-to-end tests): a real SMTP server on loopback
 * for the apps to send to: it keeps what it receives and refuses
 * (550) any recipient in `refused`, as a mail server refuses an unknown mailbox.
 */
export async function startMailbox() {
	const received: ParsedMail[] = [];
	const refused = new Set<string>();
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		onRcptTo(address, _session, callback) {
			if (refused.has(address.address)) {
				callback(
					Object.assign(new Error(`<${address.address}>: mailbox unavailable`), {
						responseCode: 550
					})
				);
			} else callback();
		},
		onData(stream, _session, callback) {
			simpleParser(stream).then(
				(mail) => {
					received.push(mail);
					callback();
				},
				(error: Error) => callback(error)
			);
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		refused,
		/** The messages sent to one address. */
		to: (address: string) =>
			received.filter((mail) =>
				[mail.to]
					.flat()
					.some((to) => to?.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()))
			),
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
