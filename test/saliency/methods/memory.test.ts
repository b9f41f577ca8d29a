import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../src/model/backend/select.js';
import { setWasmThreads, wasmThreads } from '../../../src/model/fused-wasm/index.js';
import { createClassifier } from '../../../src/model/classifier.js';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../../src/model/types.js';
import { computeSaliency, gradientRowBytes, SaliencyError, type SaliencyOptions } from '../../../src/saliency/methods/index.js';
import type { ProbabilityFn, RunControl, SaliencyMethod } from '../../../src/saliency/types.js';
import { block, linearModel, values } from './models.js';

const [S, T, F, C] = [5, 20, 10, 3];
const cells = T * F;
const linear = linearModel(values(C * cells, 71), values(C, 72), cells);
const samples = block(values(S * cells, 73), S, T, F);
const target = { kind: 'true' as const, labels: [0, 1, 2, 0, 1] };

beforeAll(async () => {
  await selectBackend('cpu');
});

/** The largest pass the model saw, and the peak of tensor bytes above those alive before. */
async function measured(method: SaliencyMethod, options: SaliencyOptions, control: RunControl) {
  let rows = 0;
  const model: ProbabilityFn = (x) => ((rows = Math.max(rows, x.shape[0])), linear(x));
  const start = tf.memory().numBytes;
  let result!: Awaited<ReturnType<typeof computeSaliency>>;
  const profile = await tf.profile(async () => {
    result = await computeSaliency(method, model, samples, target, options, control);
  });
  return { rows, peakBytes: profile.peakBytes - start, result };
}

describe('option limits', () => {
  it('refuses IG steps, SmoothGrad copies and noise, and seeds above their limits, naming the limit', async () => {
    const fails = (method: SaliencyMethod, options: SaliencyOptions, message: RegExp) =>
      expect(computeSaliency(method, linear, samples, target, options, { batchSize: 8 })).rejects.toThrow(message);
    await fails('ig', { steps: 1001 }, /saliency options: steps = 1001; expected an integer ≥ 1 and ≤ 1000/);
    await fails('ig', { steps: 1e9 }, /steps = 1000000000; expected an integer ≥ 1 and ≤ 1000/);
    await fails('smoothgrad', { noiseSamples: 1001 }, /noiseSamples = 1001; expected an integer ≥ 1 and ≤ 1000/);
    await fails('smoothgrad', { sigma: 1.5 }, /sigma = 1.5; expected a finite number > 0 and ≤ 1/);
    await fails('smoothgrad', { seed: 2 ** 32 }, /seed = 4294967296; expected an integer ≥ 0 and ≤ 4294967295/);
    await fails('occlusion-time', { baseline: { kind: 'random', seed: 2 ** 32 } }, /baseline.seed = 4294967296; expected an integer ≥ 0 and ≤ 4294967295/);
  });
});

describe('memory of a pass', () => {
  // 16 rows fit: a pass of 1e6 requested rows must be cut to 16.
  const bound = { rowBytes: 1000, passBytes: 16_000 };

  it('a batch too large for the memory bound runs in passes that fit it: same maps, same measured peak, whatever the IG steps', async () => {
    const huge = await measured('ig', { steps: 1000 }, { batchSize: 1e6, ...bound });
    const fitting = await measured('ig', { steps: 1000 }, { batchSize: 16 });
    expect(huge.rows).toBe(16);
    expect(huge.result.params.batchSize).toBe(16);
    expect(huge.result.maps.data).toEqual(fitting.result.maps.data);
    expect(huge.result.delta).toEqual(fitting.result.delta);
    expect(huge.peakBytes).toBe(fitting.peakBytes);
    // 50 times fewer steps, the same peak: memory depends on the pass, not on how many passes.
    expect((await measured('ig', { steps: 20 }, { batchSize: 1e6, ...bound })).peakBytes).toBe(huge.peakBytes);
    // Without the bound the same request holds all 5010 rows at once.
    const unbounded = await measured('ig', { steps: 1000 }, { batchSize: 1e6, passBytes: 1e12 });
    expect(unbounded.rows).toBe(S * 1000);
    expect(unbounded.peakBytes).toBeGreaterThan(100 * huge.peakBytes);
  });

  it('bounds TSR\'s masked copies and SmoothGrad\'s noisy copies the same way', async () => {
    for (const [method, options] of [['smoothgrad', { noiseSamples: 40 }], ['grad', { tsr: true }]] as [SaliencyMethod, SaliencyOptions][]) {
      const huge = await measured(method, options, { batchSize: 1e6, ...bound });
      expect(huge.rows).toBe(16);
      expect(huge.result.maps.data).toEqual((await measured(method, options, { batchSize: 16 })).result.maps.data);
    }
  });

  it('one row larger than the bound is refused, naming the row and the bound', async () => {
    const run = computeSaliency('grad', linear, samples, target, {}, { batchSize: 4, rowBytes: 5000, passBytes: 4096 });
    await expect(run).rejects.toBeInstanceOf(SaliencyError);
    await expect(run).rejects.toThrow('saliency options: row size = "20 × 10"; expected rows that fit the 4.0 KiB one pass may use (one needs about 4.9 KiB)');
  });

  it('the estimate of a row covers the measured peak of real classifiers\' gradient passes (tensors and recurrence.wasm\'s memory), within a few times', async () => {
    const [time, features, batch] = [12, 30, 32];
    const configs: Partial<ModelConfig>[] = [
      { cell: 'lstm', attention: 'none', hidden: 64 },
      { cell: 'gru', attention: 'none', hidden: 5 },
      { cell: 'lstm', attention: 'input-cell', variant: 'mean', hidden: 5 },
      { cell: 'lstm', attention: 'input-cell', variant: 'matrix', hidden: 16 },
    ];
    for (const spec of configs) {
      const config = { ...DEFAULT_MODEL_CONFIG, ...spec, inputSize: features, classes: 2 };
      const net = createClassifier(config, 1);
      const x = tf.tensor3d(Float32Array.from(values(batch * time * features, 74)), [batch, time, features]);
      // A fresh memory per model: the sweeps' buffers live there, outside TF.js's tensors.
      setWasmThreads(null);
      const wasmStart = wasmThreads()!.arena.memory.buffer.byteLength;
      const start = tf.memory().numBytes;
      const profile = await tf.profile(() => tf.grad((v: tf.Tensor) => tf.sum(tf.softmax(net.logits(v as tf.Tensor3D, false))))(x));
      const wasmBytes = wasmThreads()!.arena.memory.buffer.byteLength - wasmStart;
      expect(wasmBytes, 'the recurrence ran in recurrence.wasm').toBeGreaterThan(0);
      const perRow = (profile.peakBytes - start + wasmBytes) / batch;
      const ratio = gradientRowBytes(time, features, config) / perRow;
      expect(ratio, JSON.stringify(spec)).toBeGreaterThanOrEqual(1);
      expect(ratio, JSON.stringify(spec)).toBeLessThan(6);
      tf.dispose([x, profile.result as tf.Tensor]);
      net.dispose();
    }
  });
});
