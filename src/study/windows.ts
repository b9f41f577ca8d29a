import type { StudyEvent } from './events.js';

/** Why a window got no trial_type label. */
export type DropReason = 'noEvent' | 'noMajority';

/** First volume of each window: 0, stride, 2·stride, … while the window fits in the run. */
export function windowStarts(volumes: number, window: number, stride: number): number[] {
  const starts: number[] = [];
  for (let s = 0; s + window <= volumes; s += stride) starts.push(s);
  return starts;
}

/** Float slack so onsets that are exact multiples of TR on paper count as such. */
const EPS = 1e-9;

/**
 * The trial_types active at each volume. Volume v is acquired at t = v·TR (the frame time
 * of nilearn's default slice_time_ref = 0). An event covers it when
 * onset + shift ≤ t < onset + shift + duration; an event of duration 0 (an impulse) covers
 * the first volume acquired at or after its shifted onset.
 */
export function volumeConditions(volumes: number, tr: number, events: readonly StudyEvent[], shiftSeconds: number): string[][] {
  const out: string[][] = Array.from({ length: volumes }, () => []);
  for (const e of events) {
    const start = e.onset + shiftSeconds;
    const end = start + (e.duration > 0 ? e.duration : tr);
    const first = Math.max(0, Math.ceil((start - EPS) / tr));
    for (let v = first; v < volumes && v * tr < end - EPS; v++) {
      if (!out[v].includes(e.trialType)) out[v].push(e.trialType);
    }
  }
  return out;
}

/**
 * A window's trial_type: the one that alone covers more than half of its volumes. A volume
 * covered by two different trial_types counts for neither. Otherwise the window is dropped:
 * `noEvent` when no event touches it, `noMajority` when events do but none has the majority.
 */
export function labelWindow(conditions: readonly string[][], start: number, window: number): { label: string } | { dropped: DropReason } {
  const counts = new Map<string, number>();
  let touched = false;
  for (let v = start; v < start + window; v++) {
    const c = conditions[v];
    if (c.length > 0) touched = true;
    if (c.length === 1) counts.set(c[0], (counts.get(c[0]) ?? 0) + 1);
  }
  for (const [label, n] of counts) if (n * 2 > window) return { label };
  return { dropped: touched ? 'noMajority' : 'noEvent' };
}

/**
 * A window's task-ON steps as a '0'/'1' string of length `window`: step t is ON when any
 * event covers volume start + t, by the same timing and shift the labels use (volumeConditions).
 */
export function windowOnSteps(conditions: readonly string[][], start: number, window: number): string {
  let on = '';
  for (let v = start; v < start + window; v++) on += conditions[v].length > 0 ? '1' : '0';
  return on;
}
