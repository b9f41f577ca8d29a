/**
 * The heatmap's words: time labels (volumes numbered from 1 as the QC plot does, seconds from
 * the first volume when the TR is known) and the hover text.
 */
import { formatNumber } from '../format.js';

/** Seconds at 0-based `step` (step × TR), or null without a TR. */
export function secondsAt(step: number, tr: number | null): number | null {
  return tr ? step * tr : null;
}

/** The time axis label of 0-based `step`: the volume, and the time on a second line when known. */
export function stepLabel(step: number, tr: number | null): string {
  const s = secondsAt(step, tr);
  return s === null ? String(step + 1) : `${step + 1}\n${formatNumber(s)} s`;
}

/** The time axis name. */
export function timeAxisName(tr: number | null): string {
  return tr ? 'Volume (time in s)' : 'Volume';
}

/** "volume 4 · 6 s" (or "volume 4" without a TR) for 0-based `step`. */
export function stepText(step: number, tr: number | null): string {
  const s = secondsAt(step, tr);
  return s === null ? `volume ${step + 1}` : `volume ${step + 1} · ${formatNumber(s)} s`;
}

/** A cell's value as the hover and the colour bar show it (NaN: "no value"). */
export function valueText(value: number): string {
  return Number.isNaN(value) ? 'no value' : formatNumber(value, 3);
}

/** The hover lines of one cell: region name, time, value. */
export function hoverLines(regionName: string, step: number, tr: number | null, value: number): [string, string, string] {
  return [regionName, stepText(step, tr), valueText(value)];
}

/** Pixels one region name needs on the region axis (11 px text with a little air). */
export const ROW_LABEL_PX = 14;

/**
 * ECharts' category `interval` for `count` labels along `lengthPx` so that none overlap (0:
 * every label, 2: every third). ECharts' own estimate lets region names overlap on dense axes.
 */
export function labelInterval(count: number, lengthPx: number, labelPx = ROW_LABEL_PX): number {
  if (count <= 0 || lengthPx <= 0) return 0;
  return Math.max(0, Math.ceil((labelPx * count) / lengthPx) - 1);
}
