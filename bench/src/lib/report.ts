/** One benchmark figure; `baseline` is null when the figure has nothing to be compared with. */
export interface Figure {
	bench: string;
	value: number;
	unit: string;
	baseline: number | null;
}

/**
 * The line a figure is recorded as. `ratio` is value / baseline, so for throughput below 1 means
 * slower than the baseline and for latency above 1 means slower.
 */
export function figureLine({ bench, value, unit, baseline }: Figure): string {
	const ratio = baseline ? Math.round((value / baseline) * 1000) / 1000 : null;
	return JSON.stringify({ bench, value, unit, baseline, ratio });
}

/** Figures go to stdout, one JSON line each, so a caller can keep them with `> figures.jsonl`. */
export function printFigure(figure: Figure): void {
	process.stdout.write(`${figureLine(figure)}\n`);
}

/** Everything meant for the person watching goes to stderr, keeping stdout to figures only. */
export function progress(message: string): void {
	console.error(`bench: ${message}`);
}

/** Figures keep a few decimals: more would claim a precision no run on a shared machine has. */
export function round(value: number, decimals: number): number {
	const scale = 10 ** decimals;
	return Math.round(value * scale) / scale;
}
