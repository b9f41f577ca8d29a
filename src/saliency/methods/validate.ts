import type { RunControl, SampleBlock } from '../types.js';
import { badOption, SaliencyError } from './errors.js';

/** An integer ≥ `min` (and ≤ `max`, when given), or the option error naming `field`. */
export function integerAtLeast(value: number, min: number, field: string, code: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) badOption(code, field, value, `an integer ≥ ${min}${max < Number.MAX_SAFE_INTEGER ? ` and ≤ ${max}` : ''}`);
  return value;
}

/** A number strictly between `lo` and `hi`. */
export function between(value: number, lo: number, hi: number, field: string, code: string): number {
  if (typeof value !== 'number' || !(value > lo && value < hi)) badOption(code, field, value, `a number in (${lo}, ${hi})`);
  return value;
}

export function checkControl(control: RunControl): void {
  integerAtLeast(control?.batchSize, 1, 'batchSize', 'SALIENCY_BATCH');
  for (const key of ['rowBytes', 'passBytes'] as const) {
    const v = control[key];
    if (v !== undefined && !(typeof v === 'number' && v > 0 && Number.isFinite(v))) badOption('SALIENCY_MEMORY', key, v, 'a number of bytes > 0');
  }
}

/** At least one sample, a consistent [samples, time, features] layout, finite values. */
export function checkSamples(block: SampleBlock): void {
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new SaliencyError('SALIENCY_SAMPLES', 'samples', field, value, expected);
  };
  for (const key of ['samples', 'time', 'features'] as const) {
    if (!Number.isSafeInteger(block[key]) || block[key] < 1) fail(key, block[key], 'an integer ≥ 1');
  }
  const cells = block.samples * block.time * block.features;
  if (!(block.data instanceof Float32Array)) fail('data', typeof block.data, 'a Float32Array');
  if (block.data.length !== cells) fail('data length', block.data.length, `samples × time × features = ${cells}`);
  const bad = block.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) fail(`data[${bad}]`, block.data[bad], 'a finite number');
}
