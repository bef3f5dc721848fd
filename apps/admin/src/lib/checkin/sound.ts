/*
 * A distinct sound and vibration per verdict, so the gate hears the answer without looking:
 * two short high beeps let in, one long middle tone for "already checked in", a low triple buzz
 * for a refusal. Web Audio needs a user gesture first; the page calls `unlockSound` on the first
 * key or tap.
 */

type Tone = [frequency: number, seconds: number, type: OscillatorType];

const TONES: Record<'ok' | 'warn' | 'refuse', Tone[]> = {
	ok: [
		[1320, 0.09, 'sine'],
		[1760, 0.12, 'sine']
	],
	warn: [[660, 0.45, 'triangle']],
	refuse: [
		[196, 0.14, 'square'],
		[196, 0.14, 'square'],
		[196, 0.14, 'square']
	]
};
const VIBRATION = { ok: [60], warn: [200, 80, 200], refuse: [400, 100, 400] };

let context: AudioContext | null = null;

export function unlockSound(): void {
	if (context || typeof AudioContext === 'undefined') return;
	try {
		context = new AudioContext();
	} catch {
		context = null;
	}
}

export function signal(kind: 'ok' | 'warn' | 'refuse'): void {
	try {
		navigator.vibrate?.(VIBRATION[kind]);
	} catch {
		// No vibration motor, or not allowed: the sound and colour still tell.
	}
	if (!context) return;
	let at = context.currentTime;
	for (const [frequency, seconds, type] of TONES[kind]) {
		const oscillator = context.createOscillator();
		const gain = context.createGain();
		oscillator.type = type;
		oscillator.frequency.value = frequency;
		gain.gain.setValueAtTime(0.25, at);
		gain.gain.exponentialRampToValueAtTime(0.001, at + seconds);
		oscillator.connect(gain).connect(context.destination);
		oscillator.start(at);
		oscillator.stop(at + seconds);
		at += seconds + 0.04;
	}
}
