import { checkMaps } from '../metrics/check.js';
import { MetricError } from '../metrics/errors.js';
import type { SaliencyMaps } from '../types.js';

export interface TopCellShare {
  q: number;
  /** Top cells per sample: round(q · time · features), at least 1. */
  topCells: number;
  /** Per sample, the share of its top cells that lie in its ON steps. */
  perSample: Float64Array;
  mean: number;
  /** Sample standard deviation across samples; NaN with one sample. */
  sd: number;
  /** Per sample, the share expected by chance: its ON steps / all steps. */
  chancePerSample: Float64Array;
  /** Mean chance share; `mean / chance` is the lift over chance. */
  chance: number;
  lift: number;
}

/**
 * Of each sample's top q of cells by |map|, the share that falls in the given time steps
 * (e.g. task-ON blocks), averaged over samples, beside the chance level. Cells tied at the
 * cut-off share the remaining places equally (fractional counts), so a flat map scores
 * exactly chance instead of favouring early steps.
 * `onSteps`: 1 for ON steps, either one row [time] for all samples or [samples × time].
 */
export function topCellShare(maps: SaliencyMaps, onSteps: ArrayLike<number | boolean>, options: { q?: number } = {}): TopCellShare {
  checkMaps(maps);
  const q = options.q ?? 0.1;
  const { samples, time, features, data } = maps;
  if (!(q > 0 && q <= 1)) throw new MetricError('METRIC_TOP_FRACTION', 'aggregation options', 'q', q, 'a fraction in (0, 1]');
  const perSampleSteps = checkOnSteps(onSteps, samples, time);
  const cells = time * features;
  const m = Math.min(cells, Math.max(1, Math.round(q * cells)));
  const perSample = new Float64Array(samples);
  const chancePerSample = new Float64Array(samples);
  for (let n = 0; n < samples; n++) {
    const on = (t: number) => Boolean(onSteps[perSampleSteps ? n * time + t : t]);
    const values = Float64Array.from({ length: cells }, (_, i) => Math.abs(data[n * cells + i]));
    const cutoff = Float64Array.from(values).sort().reverse()[m - 1];
    let above = 0;
    let tied = 0;
    let aboveOn = 0;
    let tiedOn = 0;
    for (let i = 0; i < cells; i++) {
      const inOn = on(Math.floor(i / features)) ? 1 : 0;
      if (values[i] > cutoff) [above, aboveOn] = [above + 1, aboveOn + inOn];
      else if (values[i] === cutoff) [tied, tiedOn] = [tied + 1, tiedOn + inOn];
    }
    perSample[n] = (aboveOn + ((m - above) / tied) * tiedOn) / m;
    let onCount = 0;
    for (let t = 0; t < time; t++) onCount += on(t) ? 1 : 0;
    chancePerSample[n] = onCount / time;
  }
  const mean = average(perSample);
  const chance = average(chancePerSample);
  const sd = samples > 1 ? Math.sqrt(perSample.reduce((a, v) => a + (v - mean) ** 2, 0) / (samples - 1)) : NaN;
  return { q, topCells: m, perSample, mean, sd, chancePerSample, chance, lift: mean / chance };
}

/** True when `onSteps` gives one row per sample; throws unless its length fits and some step is ON. */
function checkOnSteps(onSteps: ArrayLike<number | boolean>, samples: number, time: number): boolean {
  if (onSteps.length !== time && onSteps.length !== samples * time) {
    throw new MetricError('METRIC_ON_STEPS', 'aggregation options', 'onSteps.length', onSteps.length, `${time} (one per step) or ${samples * time} (samples × steps)`);
  }
  if (!Array.from(onSteps).some(Boolean)) throw new MetricError('METRIC_ON_STEPS', 'aggregation options', 'onSteps', 'no ON step', 'at least one ON step (else chance is 0)');
  return onSteps.length === samples * time && samples > 1;
}

function average(values: Float64Array): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
