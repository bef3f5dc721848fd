/*
 * What went wrong opening the camera, in terms door staff can act on. getUserMedia rejects with
 * DOMException names (`NotFoundError`, `NotAllowedError`, …) that mean nothing at a gate; the
 * page shows a sentence for each kind instead.
 */

export type CameraProblem = 'missing' | 'denied' | 'busy' | 'insecure' | 'failed';

/** The kind of problem behind a getUserMedia rejection (or a missing API). */
export function cameraProblem(error: unknown): CameraProblem {
	const name =
		typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
	switch (name) {
		// No camera at all, or none that can face the ticket.
		case 'NotFoundError':
		case 'DevicesNotFoundError':
		case 'OverconstrainedError':
			return 'missing';
		case 'NotAllowedError':
		case 'PermissionDeniedError':
			return 'denied';
		// Another app (a video call, the phone's own camera app) holds it.
		case 'NotReadableError':
		case 'TrackStartError':
		case 'AbortError':
			return 'busy';
		// Browsers hide the camera from pages not served over https (or from localhost).
		case 'SecurityError':
		case 'TypeError':
			return 'insecure';
		default:
			return 'failed';
	}
}

/** Browsers leave `navigator.mediaDevices` undefined on plain http: say so before trying. */
export const cameraAvailable = (): boolean =>
	typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function';

/** What the camera says, in the app's language (each app owns its words). */
export interface CameraWords {
	camera: string;
	start: string;
	stop: string;
	hint: string;
	/** What else the person may do when the camera fails (type the code, …). */
	fallback: string;
	problems: Record<CameraProblem, string>;
}
