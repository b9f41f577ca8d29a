import { butterSos, type Section } from './butterworth-design.js';
import { defaultPadLength, sosfiltfilt } from './sosfiltfilt.js';

/** nilearn's Butterworth order. */
export const BUTTERWORTH_ORDER = 5;
const EPS32 = 2 ** -23;

/**
 * The order-5 Butterworth sections nilearn designs for these cut-offs (Hz; null = none), or
 * null when there is nothing to filter. Cut-offs at or above Nyquist are pulled just below it,
 * as nilearn does.
 */
export function butterworthSections(lowPass: number | null, highPass: number | null, tR: number): Section[] | null {
  const fs = 1 / tR;
  const nyquist = fs / 2;
  const clamp = (f: number) => (f >= nyquist ? nyquist * (1 - 10 * EPS32) : f);
  const low = lowPass === null ? null : clamp(lowPass);
  const high = highPass === null ? null : clamp(highPass);
  if (low !== null && high !== null) return butterSos(BUTTERWORTH_ORDER, [high, low], 'band', fs);
  if (low !== null) return butterSos(BUTTERWORTH_ORDER, low, 'low', fs);
  if (high !== null) return butterSos(BUTTERWORTH_ORDER, high, 'high', fs);
  return null;
}

/** Fewest samples `sosfiltfilt` accepts for these sections (one more than its pad length). */
export function minimumSamples(sections: Section[]): number {
  return defaultPadLength(sections) + 1;
}

/** Zero-phase filters each series with the sections (see `sosfiltfilt`). */
export function filterSeries(sections: Section[], series: Float64Array[]): Float64Array[] {
  return series.map((x) => sosfiltfilt(sections, x));
}
