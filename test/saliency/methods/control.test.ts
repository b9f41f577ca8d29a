import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { computeSaliency, SaliencyError, type SaliencyOptions, type TargetSpec } from '../../../src/saliency/methods/index.js';
import type { SaliencyMethod, SampleBlock } from '../../../src/saliency/types.js';
import { Cancelled } from '../../../src/util/cancel.js';
import { block, linearModel, values } from './models.js';

const [S, T, F, C] = [3, 4, 2, 3];
const cells = T * F;
const model = linearModel(values(C * cells, 51), values(C, 52), cells);
const samples = block(values(S * cells, 53), S, T, F);
const target: TargetSpec = { kind: 'true', labels: [0, 1, 2] };

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('progress', () => {
  // Rows per sample: one pass each, n noisy copies, n path points + x + baseline, one per region + x.
  const cases: [SaliencyMethod, number][] = [
    ['grad', 1],
    ['gradxinput', 1],
    ['smoothgrad', 6],
    ['ig', 5 + 2],
    ['occlusion-time', T + 1],
    ['occlusion-feature', F + 1],
  ];
  for (const [method, perSample] of cases) {
    it(`${method} counts ${perSample} model row(s) per sample, in batches, up to the total`, async () => {
      const calls: [number, number][] = [];
      await computeSaliency(method, model, samples, target, { steps: 5, noiseSamples: 6 }, { batchSize: 2, onProgress: (d, t) => calls.push([d, t]) });
      const total = S * perSample;
      expect(calls.at(-1)).toEqual([total, total]);
      expect(calls.every(([d, t], i) => t === total && d - (i ? calls[i - 1][0] : 0) <= 2)).toBe(true);
    });
  }
});

describe('cancel', () => {
  for (const options of [{ steps: 20 }, { steps: 4, tsr: true }] as SaliencyOptions[]) {
    it(`aborting the signal stops mid-way with Cancelled${options.tsr ? ' under TSR' : ''}, leaving no tensors`, async () => {
      const before = tf.memory().numTensors;
      const controller = new AbortController();
      let last = 0;
      let total = 0;
      const run = computeSaliency('ig', model, samples, target, options, {
        batchSize: 2,
        onProgress: (d, t) => {
          [last, total] = [d, t];
          if (d > 0) controller.abort();
        },
        signal: controller.signal,
      });
      await expect(run).rejects.toBeInstanceOf(Cancelled);
      expect(last).toBeGreaterThan(0);
      expect(last).toBeLessThan(total);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('bad input', () => {
  const fails = async (code: string, message: RegExp, opts: { method?: SaliencyMethod; options?: SaliencyOptions; batchSize?: number; targets?: TargetSpec; samples?: SampleBlock }) => {
    const run = computeSaliency(opts.method ?? 'ig', model, opts.samples ?? samples, opts.targets ?? target, opts.options ?? {}, { batchSize: opts.batchSize ?? 2 });
    await expect(run).rejects.toBeInstanceOf(SaliencyError);
    await expect(run).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  };

  it('names the option that is out of range', async () => {
    await fails('SALIENCY_STEPS', /steps = 0; expected an integer ≥ 1/, { options: { steps: 0 } });
    await fails('SALIENCY_STEPS', /steps = 2.5/, { options: { steps: 2.5 } });
    await fails('SALIENCY_RULE', /rule = "midpoint"/, { options: { rule: 'midpoint' as never } });
    await fails('SALIENCY_SIGMA', /sigma = 0; expected a finite number > 0/, { method: 'smoothgrad', options: { sigma: 0 } });
    await fails('SALIENCY_NOISE_SAMPLES', /noiseSamples = 0/, { method: 'smoothgrad', options: { noiseSamples: 0 } });
    await fails('SALIENCY_SEED', /seed = -1/, { method: 'smoothgrad', options: { seed: -1 } });
    await fails('SALIENCY_TSR_ALPHA', /tsr.alpha = 1; expected a number in \(0, 1\)/, { method: 'grad', options: { tsr: { alpha: 1 } } });
    await fails('SALIENCY_BATCH', /batchSize = 0; expected an integer ≥ 1/, { batchSize: 0 });
    await fails('SALIENCY_METHOD', /method = "deeplift"/, { method: 'deeplift' as never });
  });

  it('checks baselines against the sample shape', async () => {
    await fails('SALIENCY_BASELINE', /baseline.mean length = 3; expected 8 \(\[time, features\]\) or 2 \(one per feature\)/, { options: { baseline: { kind: 'mean', mean: [1, 2, 3] } } });
    await fails('SALIENCY_BASELINE', /tsr.mask.kind = "noise"/, { method: 'grad', options: { tsr: { mask: { kind: 'noise' } as never } } });
  });

  it('checks targets against the model and the samples', async () => {
    await fails('SALIENCY_TARGETS', /labels\[1\] = 3; expected a class index in 0…2/, { targets: { kind: 'true', labels: [0, 3, 1] } });
    await fails('SALIENCY_TARGETS', /labels length = 2; expected one label per sample \(3\)/, { targets: { kind: 'true', labels: [0, 1] } });
  });

  it('checks the sample block', async () => {
    await fails('SALIENCY_SAMPLES', /data length = 5; expected samples × time × features = 24/, { samples: { ...samples, data: new Float32Array(5) } });
    await fails('SALIENCY_SAMPLES', /data\[4\] = NaN; expected a finite number/, { samples: { ...samples, data: samples.data.map((v, i) => (i === 4 ? NaN : v)) } });
    await fails('SALIENCY_SAMPLES', /samples = 0/, { samples: { ...samples, samples: 0, data: new Float32Array(0) } });
  });
});
