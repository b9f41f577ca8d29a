import type { SampleBlock } from '../types.js';
import { MetricError } from './errors.js';

const MAPS = 'saliency maps';

/** Throws unless `maps` is a non-empty [samples, time, features] block of finite numbers. */
export function checkMaps(maps: SampleBlock, what = MAPS): void {
  const { samples, time, features, data } = maps;
  for (const [field, n] of [['samples', samples], ['time', time], ['features', features]] as const) {
    if (!Number.isInteger(n) || n < 1) throw new MetricError('METRIC_EMPTY', what, field, n, 'an integer ≥ 1');
  }
  if (data.length !== samples * time * features) {
    throw new MetricError('METRIC_SHAPE', what, 'data.length', data.length, `samples × time × features = ${samples * time * features}`);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new MetricError('METRIC_NOT_FINITE', what, `value at ${cellName(maps, i)}`, data[i], 'a finite number');
    }
  }
}

/** Throws unless `mask` has one 0/1 entry per cell of `maps`. */
export function checkMask(mask: Uint8Array, maps: SampleBlock): void {
  if (mask.length !== maps.data.length) {
    throw new MetricError('METRIC_MASK_SHAPE', 'ground-truth mask', 'length', mask.length,
      `one entry per map cell: ${maps.samples} × ${maps.time} × ${maps.features} = ${maps.data.length}`);
  }
  for (let i = 0; i < mask.length; i++) {
    if (mask[i] > 1) throw new MetricError('METRIC_MASK_VALUE', 'ground-truth mask', `value at ${cellName(maps, i)}`, mask[i], '0 or 1');
  }
}

/** Throws unless `labels` holds one class index in [0, classes) per sample (≥ 0 when classes is not yet known). */
export function checkLabels(labels: ArrayLike<number>, samples: number, classes = Infinity): void {
  if (labels.length !== samples) throw new MetricError('METRIC_LABELS_SHAPE', 'labels', 'length', labels.length, `one label per sample (${samples})`);
  for (let s = 0; s < samples; s++) {
    const y = labels[s];
    if (!Number.isInteger(y) || y < 0 || y >= classes) {
      throw new MetricError('METRIC_LABEL', 'labels', `labels[${s}]`, y, classes < Infinity ? `a class index in [0, ${classes})` : 'a class index ≥ 0');
    }
  }
}

/** Throws unless `ps` is a strictly increasing list of fractions in (0, 1], at least `min` long. */
export function checkFractions(ps: readonly number[], field: string, min = 1): void {
  if (ps.length < min) throw new MetricError('METRIC_FRACTIONS', 'metric options', field, [...ps], `at least ${min} fractions`);
  ps.forEach((p, i) => {
    if (!(p > 0 && p <= 1) || (i > 0 && p <= ps[i - 1])) {
      throw new MetricError('METRIC_FRACTIONS', 'metric options', field, [...ps], 'strictly increasing fractions in (0, 1]');
    }
  });
}

/** "sample s, step t, feature f" for flat index `i`, so an error points at the cell. */
function cellName(maps: SampleBlock, i: number): string {
  const cells = maps.time * maps.features;
  const s = Math.floor(i / cells);
  const t = Math.floor((i % cells) / maps.features);
  return `sample ${s}, step ${t}, feature ${i % maps.features}`;
}
