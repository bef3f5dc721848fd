/*
 * Reads QR codes from the camera: the browser's own BarcodeDetector where it has one (Android
 * Chrome), else jsQR in a Web Worker (bundled and served by the console, never from a CDN).
 */

interface Detector {
	detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare const BarcodeDetector:
	| undefined
	| ((new (options: { formats: string[] }) => Detector) & {
			getSupportedFormats(): Promise<string[]>;
	  });

/** Frames looked at per second at most: enough for a person holding up a phone. */
const FRAME_GAP_MS = 120;
/** Frames are scaled down to this width: QR codes at a gate fill much of the picture. */
const MAX_WIDTH = 640;

export interface CameraReader {
	stop(): void;
}

async function nativeDetector(): Promise<Detector | null> {
	if (typeof BarcodeDetector === 'undefined') return null;
	try {
		if (!(await BarcodeDetector.getSupportedFormats()).includes('qr_code')) return null;
		return new BarcodeDetector({ formats: ['qr_code'] });
	} catch {
		return null;
	}
}

function workerDecoder() {
	const worker = new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' });
	let next = 0;
	const waiting = new Map<number, (text: string | null) => void>();
	worker.onmessage = (event: MessageEvent<{ id: number; text: string | null }>) => {
		waiting.get(event.data.id)?.(event.data.text);
		waiting.delete(event.data.id);
	};
	return {
		decode(image: ImageData): Promise<string | null> {
			const id = ++next;
			return new Promise((resolve) => {
				waiting.set(id, resolve);
				worker.postMessage(
					{ id, width: image.width, height: image.height, data: image.data.buffer },
					[image.data.buffer]
				);
			});
		},
		stop: () => worker.terminate()
	};
}

/** Starts reading from `video` (already showing the camera); calls `onCode` for each QR read. */
export async function readCodes(
	video: HTMLVideoElement,
	onCode: (text: string) => void
): Promise<CameraReader> {
	const native = await nativeDetector();
	const worker = native ? null : workerDecoder();
	const canvas = document.createElement('canvas');
	const context = canvas.getContext('2d', { willReadFrequently: true })!;
	let stopped = false;
	let timer: ReturnType<typeof setTimeout> | undefined;

	const frame = async () => {
		if (stopped) return;
		try {
			if (video.readyState >= 2 && video.videoWidth > 0) {
				let text: string | null = null;
				if (native) {
					text = (await native.detect(video))[0]?.rawValue ?? null;
				} else {
					const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
					canvas.width = Math.round(video.videoWidth * scale);
					canvas.height = Math.round(video.videoHeight * scale);
					context.drawImage(video, 0, 0, canvas.width, canvas.height);
					text = await worker!.decode(context.getImageData(0, 0, canvas.width, canvas.height));
				}
				if (text && !stopped) onCode(text);
			}
		} catch {
			// A frame that could not be read; the next one may.
		}
		if (!stopped) timer = setTimeout(frame, FRAME_GAP_MS);
	};
	void frame();
	return {
		stop() {
			stopped = true;
			clearTimeout(timer);
			worker?.stop();
		}
	};
}
