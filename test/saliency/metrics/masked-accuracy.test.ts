import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { maskedAccuracyDrop, type MaskedAccuracy } from '../../../src/saliency/metrics/index.js';
import type { ProbabilityFn, SampleBlock } from '../../../src/saliency/types.js';
import { Cancelled } from '../../../src/util/cancel.js';
import { block } from './block.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

/**
 * Class 1 iff cell (step 0, feature 0) exceeds 50: probabilities softmax([0, x₀₀ − 50]).
 * Box–Muller noise from 32-bit uniforms never exceeds √(2·32·ln 2) ≈ 6.7 in size, so
 * replacing x₀₀ = 100 by noise provably flips class 1 to class 0.
 */
const threshold: ProbabilityFn = (x) => {
  const first = x.slice([0, 0, 0], [-1, 1, 1]).reshape([-1, 1]);
  return tf.softmax(tf.concat([tf.zerosLike(first), first.sub(50)], 1)) as tf.Tensor2D;
};

// Four samples of 2 × 2 cells, all class 1 with x₀₀ = 100. The maps of samples 0 and 1 point at
// cell 0 (the one the model reads), those of samples 2 and 3 at cell 3 (one it ignores).
const inputs = block(4, 2, 2, [100, 1, 2, 3, 100, -1, 0, 1, 100, 0, 0, 0, 100, 2, 2, 2]);
const labels = [1, 1, 1, 1];
const maps = block(4, 2, 2, [5, 1, 0, 0, -5, 0, 1, 0, 0, 1, 0, 5, 0, 0, 1, -5]);

async function run(options: Partial<Parameters<typeof maskedAccuracyDrop>[4]> = {}, probabilities = threshold, x: SampleBlock = inputs): Promise<MaskedAccuracy> {
  return maskedAccuracyDrop(probabilities, x, labels, maps, { seed: 7, control: { batchSize: 3 }, ...options });
}

describe('masked-accuracy drop', () => {
  it('drops accuracy by the share of samples whose salient cell the model reads', async () => {
    // p = ¼ by cells: 1 cell each. Samples 0, 1 lose x₀₀ → wrong; 2, 3 lose cell 3 → still right.
    // p = 1: all four cells are replaced in both arms → every sample is wrong.
    const r = await run({ ps: [0.25, 1], keepBy: 'cells' });
    expect(r.baseline).toBe(1);
    expect(r.salient).toEqual([0.5, 0]);
    expect(r.salientDrop).toEqual([0.5, 1]);
    expect(Array.from(r.salientCorrect)).toEqual([0, 0, 0, 0, 1, 0, 1, 0]);
    expect(r.random[1]).toBe(0);
    expect(Array.from(r.replaced)).toEqual([1, 4, 1, 4, 1, 4, 1, 4]);
  });

  it('leaves the random control almost harmless when the map finds the one cell that matters', async () => {
    // 40 samples of 5 × 5 cells, maps on cell 0: replacing 1 cell (p = 4 %) flips every sample,
    // while a random cell is cell 0 for 1 sample in 25 on average.
    const n = 40;
    const x = block(n, 5, 5, Array.from({ length: n * 25 }, (_, i) => (i % 25 === 0 ? 100 : 0)));
    const m = block(n, 5, 5, Array.from({ length: n * 25 }, (_, i) => (i % 25 === 0 ? 1 : 0)));
    const r = await maskedAccuracyDrop(threshold, x, new Array<number>(n).fill(1), m, { ps: [0.04], keepBy: 'cells', seed: 3, control: { batchSize: 16 } });
    expect([r.baseline, r.salient[0]]).toEqual([1, 0]);
    expect(r.random[0]).toBeGreaterThan(0.8);
  });

  it('counts the top p by saliency mass by default', async () => {
    // Sample 0: |map| [5, 1, 0, 0] → s = [1, .2, 0, 0], Σ 1.2. p = .5 needs .6 → cell 0 alone;
    // p = .9 needs 1.08 → cells 0 and 1. Samples 2, 3 likewise keep cell 3 first.
    const r = await run({ ps: [0.5, 0.9] });
    expect(Array.from(r.replaced)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(r.salient).toEqual([0.5, 0.5]);
  });

  it('replaces exactly the chosen cells with noise, the same whatever the batch size', async () => {
    const seen: Float32Array[] = [];
    const spy: ProbabilityFn = (x) => {
      seen.push(x.dataSync() as Float32Array);
      return threshold(x);
    };
    const a = await run({ ps: [0.5], keepBy: 'cells', control: { batchSize: 4 } }, spy);
    const [, salient, random] = seen;
    for (let n = 0; n < 4; n++) {
      const changed = (arm: Float32Array) => [0, 1, 2, 3].filter((i) => arm[n * 4 + i] !== inputs.data[n * 4 + i]);
      // Top 2 cells of |map|: [5, 1, 0, 0] → 0, 1; [5, 0, 1, 0] → 0, 2; [0, 1, 0, 5] → 3, 1; [0, 0, 1, 5] → 3, 2.
      expect(changed(salient)).toEqual([[0, 1], [0, 2], [1, 3], [2, 3]][n]);
      expect(changed(random)).toHaveLength(2);
    }
    const b = await run({ ps: [0.5], keepBy: 'cells', control: { batchSize: 1 } });
    expect([Array.from(b.salientCorrect), Array.from(b.randomCorrect)]).toEqual([Array.from(a.salientCorrect), Array.from(a.randomCorrect)]);
  });

  it('reports progress over every pass, and stops with Cancelled once the signal is aborted', async () => {
    const progress: number[] = [];
    await run({ ps: [0.5], control: { batchSize: 3, onProgress: (done, total) => progress.push(done / total) } });
    // 4 samples × (baseline + 2 arms), in batches of 3 and 1.
    expect(progress).toEqual([3, 4, 7, 8, 11, 12].map((d) => d / 12));
    const controller = new AbortController();
    const done: number[] = [];
    const onProgress = (d: number) => {
      done.push(d);
      if (d === 4) controller.abort();
    };
    const result = maskedAccuracyDrop(threshold, inputs, labels, maps, { seed: 1, control: { batchSize: 2, onProgress, signal: controller.signal } });
    await expect(result).rejects.toBeInstanceOf(Cancelled);
    // Aborted after the baseline's two batches: no arm's batch ran.
    expect(done).toEqual([2, 4]);
  });

  it('rejects mismatched shapes, labels outside the classes and NaN inputs', async () => {
    const opts = { seed: 1, control: { batchSize: 2 } };
    await expect(maskedAccuracyDrop(threshold, block(4, 1, 4, Array.from(inputs.data)), labels, maps, opts)).rejects.toThrow(/saliency maps: time = 2; expected 1, as in the inputs/);
    await expect(maskedAccuracyDrop(threshold, inputs, [1, 1, 2, 1], maps, opts)).rejects.toThrow(/labels: labels\[2\] = 2; expected a class index in \[0, 2\)/);
    await expect(maskedAccuracyDrop(threshold, inputs, [1, 1, 1], maps, opts)).rejects.toThrow(/labels: length = 3; expected one label per sample \(4\)/);
    const nan = block(4, 2, 2, Array.from(inputs.data, (v, i) => (i === 5 ? NaN : v)));
    await expect(maskedAccuracyDrop(threshold, nan, labels, maps, opts)).rejects.toThrow(/inputs: value at sample 1, step 0, feature 1 = NaN/);
    await expect(maskedAccuracyDrop(threshold, inputs, labels, maps, { seed: 1, control: { batchSize: 0 } })).rejects.toThrow(/batchSize = 0; expected an integer ≥ 1/);
  });
});
