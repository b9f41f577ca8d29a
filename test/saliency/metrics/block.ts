import type { SampleBlock } from '../../../src/saliency/types.js';

/** A [samples, time, features] block from values written out row by row. */
export function block(samples: number, time: number, features: number, values: number[]): SampleBlock {
  if (values.length !== samples * time * features) throw new Error(`test block: ${values.length} values for ${samples}×${time}×${features}`);
  return { data: Float32Array.from(values), samples, time, features };
}
