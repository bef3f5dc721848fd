import { TRPCError } from '@trpc/server';

type TrpcCode = ConstructorParameters<typeof TRPCError>[0]['code'];

/**
 * A refusal the user should understand. `reason` is a stable code the apps translate into the
 * user's language (they own the words); `message` is for logs and API clients.
 */
export class AppError extends TRPCError {
	readonly reason: string;
	readonly details: Record<string, unknown>;

	constructor(
		code: TrpcCode,
		reason: string,
		message: string = reason,
		details: Record<string, unknown> = {}
	) {
		super({ code, message });
		this.reason = reason;
		this.details = details;
	}
}
