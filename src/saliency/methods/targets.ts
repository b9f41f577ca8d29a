import type { ProbabilityFn, SampleBlock } from '../types.js';
import { SaliencyError } from './errors.js';
import { forwardRows, sampleRows } from './rows.js';
import type { Work } from './work.js';

/** Which class's probability each map explains: the true label (the paper's choice) or the model's prediction. */
export type TargetSpec = { kind: 'true'; labels: ArrayLike<number> } | { kind: 'predicted' };

/** One class index per sample, checked against the model's class count (its passes are not counted as progress: give quiet work). */
export async function resolveTargets(model: ProbabilityFn, block: SampleBlock, spec: TargetSpec, work: Work): Promise<Int32Array> {
  if (spec?.kind !== 'true' && spec?.kind !== 'predicted') {
    throw new SaliencyError('SALIENCY_TARGETS', 'targets', 'kind', (spec as { kind?: unknown })?.kind, '"true" (the labels) or "predicted"');
  }
  const classes = await countClasses(model, block, work);
  const out = new Int32Array(block.samples);
  if (spec.kind === 'true') {
    if (spec.labels?.length !== block.samples) {
      throw new SaliencyError('SALIENCY_TARGETS', 'targets', 'labels length', spec.labels?.length, `one label per sample (${block.samples})`);
    }
    for (let s = 0; s < block.samples; s++) {
      const label = spec.labels[s];
      if (!Number.isInteger(label) || label < 0 || label >= classes) {
        throw new SaliencyError('SALIENCY_TARGETS', 'targets', `labels[${s}]`, label, `a class index in 0…${classes - 1}`);
      }
      out[s] = label;
    }
    return out;
  }
  await forwardRows(model, block, sampleRows(block, () => 0), work, (s, probs) => {
    let best = 0;
    for (let c = 1; c < probs.length; c++) if (probs[c] > probs[best]) best = c;
    out[s] = best;
  });
  return out;
}

/** The number of classes, from one forward pass of the first sample. */
async function countClasses(model: ProbabilityFn, block: SampleBlock, work: Work): Promise<number> {
  let classes = 0;
  const first = { ...block, samples: Math.min(1, block.samples) };
  await forwardRows(model, block, sampleRows(first, () => 0), work, (_, probs) => (classes = probs.length));
  return classes;
}
