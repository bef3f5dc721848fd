/*
 * A distinct sound and vibration per verdict, so the gate hears the answer without looking:
 * two short rising beeps let in; a falling "ding-dong" played twice for "already in" (the one
 * verdict that asks staff to stop and check, so it must not sound like either of the others);
 * a low triple buzz for a refusal. Web Audio needs a user gesture first; the page calls
 * `unlockSound` on the first key or tap.
 */
import type { VerdictTone } from './verdict-display';

export interface Note {
	frequency: number;
	seconds: number;
	type: OscillatorType;
}

export interface Sound {
	notes: Note[];
	/** navigator.vibrate pattern: on, off, on… in milliseconds. */
	vibration: number[];
}

const note = (frequency: number, seconds: number, type: OscillatorType): Note => ({
	frequency,
	seconds,
	type
});

const SOUNDS: Record<VerdictTone, Sound> = {
	ok: { notes: [note(1320, 0.09, 'sine'), note(1760, 0.12, 'sine')], vibration: [60] },
	warn: {
		notes: [
			note(988, 0.16, 'triangle'),
			note(659, 0.28, 'triangle'),
			note(988, 0.16, 'triangle'),
			note(659, 0.28, 'triangle')
		],
		vibration: [200, 80, 200, 80, 200]
	},
	refuse: {
		notes: [note(196, 0.14, 'square'), note(196, 0.14, 'square'), note(196, 0.14, 'square')],
		vibration: [400, 100, 400]
	}
};

/** The sound and vibration for a verdict of this tone. */
export const soundFor = (tone: VerdictTone): Sound => SOUNDS[tone];

let context: AudioContext | null = null;

export function unlockSound(): void {
	if (context || typeof AudioContext === 'undefined') return;
	try {
		context = new AudioContext();
	} catch {
		context = null;
	}
}

export function signal(tone: VerdictTone): void {
	const { notes, vibration } = soundFor(tone);
	try {
		navigator.vibrate?.(vibration);
	} catch {
		// No vibration motor, or not allowed: the sound and colour still tell.
	}
	if (!context) return;
	let at = context.currentTime;
	for (const { frequency, seconds, type } of notes) {
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
