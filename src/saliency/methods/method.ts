import type { ProbabilityFn, SampleBlock } from '../types.js';
import type { Work } from './work.js';

/** One batch of maps to compute: `keys[s]` names sample s's random streams (noise, random baselines). */
export interface MapRequest {
  model: ProbabilityFn;
  block: SampleBlock;
  targets: Int32Array;
  keys: Int32Array;
  work: Work;
}

export interface MapResult {
  /** [samples, time, features], row-major. */
  maps: Float32Array;
  /** IG only: Σ attributions − (f(x) − f(baseline)) per sample. */
  delta?: Float32Array;
}

/** A saliency method with its options bound: what TSR and the dispatcher build on. */
export interface BaseMethod {
  /** Model rows (single inputs) it evaluates for `samples` samples: the unit of its progress. */
  rowCount(samples: number, time: number, features: number): number;
  run(request: MapRequest): Promise<MapResult>;
}

/** Sample s's values (time·features) as a view. */
export function sampleView(block: SampleBlock, s: number): Float32Array {
  const cells = block.time * block.features;
  return block.data.subarray(s * cells, (s + 1) * cells);
}

/** [min, max] of `x`. */
export function extent(x: Float32Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
