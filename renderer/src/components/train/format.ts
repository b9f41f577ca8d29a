import { formatDuration } from '../../format.js';

/** A fraction as a percentage with one decimal ("87.5 %"); absent values as an en dash. */
export function percent(x: number | undefined | null): string {
  return x === undefined || x === null || !Number.isFinite(x) ? '–' : `${(x * 100).toFixed(1)} %`;
}

/** A duration, or an en dash when the run has none recorded. */
export function duration(seconds: number | undefined | null): string {
  return seconds === undefined || seconds === null || !Number.isFinite(seconds) ? '–' : formatDuration(seconds);
}
