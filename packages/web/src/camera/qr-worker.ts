/// <reference lib="webworker" />
import jsQR from 'jsqr';

/*
 * Decodes QR codes from camera frames off the main thread, so the page stays responsive while
 * the camera runs. Used where the browser has no native BarcodeDetector.
 */

self.onmessage = (
	event: MessageEvent<{ id: number; width: number; height: number; data: ArrayBuffer }>
) => {
	const { id, width, height, data } = event.data;
	const found = jsQR(new Uint8ClampedArray(data), width, height, {
		inversionAttempts: 'dontInvert'
	});
	self.postMessage({ id, text: found?.data ?? null });
};
