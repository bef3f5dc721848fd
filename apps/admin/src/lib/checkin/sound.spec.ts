import { expect, test } from 'vitest';
import { soundFor } from './sound';

const melody = (tone: 'ok' | 'warn' | 'refuse') =>
	soundFor(tone).notes.map((n) => `${n.type}:${n.frequency}:${n.seconds}`);
const length = (tone: 'ok' | 'warn' | 'refuse') =>
	soundFor(tone).notes.reduce((sum, n) => sum + n.seconds, 0);

test('each verdict has a sound and a vibration of its own', () => {
	expect(melody('warn')).not.toEqual(melody('ok'));
	expect(melody('warn')).not.toEqual(melody('refuse'));
	expect(melody('ok')).not.toEqual(melody('refuse'));
	expect(soundFor('warn').vibration).not.toEqual(soundFor('ok').vibration);
	expect(soundFor('warn').vibration).not.toEqual(soundFor('refuse').vibration);
});

test('an admission rises in pitch and "already in" falls, so the two cannot be confused by ear', () => {
	const ok = soundFor('ok').notes;
	const warn = soundFor('warn').notes;
	expect(ok.at(-1)!.frequency).toBeGreaterThan(ok[0]!.frequency);
	expect(warn[1]!.frequency).toBeLessThan(warn[0]!.frequency);
});

test('"already in" plays longer than an admission, so it is heard over a busy gate', () => {
	expect(length('warn')).toBeGreaterThan(length('ok') * 2);
});

test('a refusal is the lowest sound', () => {
	const lowest = (tone: 'ok' | 'warn' | 'refuse') =>
		Math.min(...soundFor(tone).notes.map((n) => n.frequency));
	expect(lowest('refuse')).toBeLessThan(lowest('warn'));
	expect(lowest('refuse')).toBeLessThan(lowest('ok'));
});
