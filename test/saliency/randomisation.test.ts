import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend/select.js';
import type { NamedWeights } from '../../src/model/types.js';
import { randomisationCheck, randomisationVerdict, RANDOMISATION_FAIL_THRESHOLD, stageLayers, stageOf, type RandomisableModel } from '../../src/saliency/randomisation.js';
import { computeSaliency } from '../../src/saliency/methods/index.js';
import { spearman } from '../../src/saliency/spearman.js';
import type { SampleBlock } from '../../src/saliency/types.js';
import { createRng } from '../../src/util/rng.js';
import { namedSeed } from '../../src/util/seeds.js';

const TIME = 10;
const FEATURES = 6;
const CELLS = TIME * FEATURES;
const CLASSES = 2;

// U(−0.05, 0.05): small enough that the softmax never saturates on the inputs below (a saturated one has zero gradient).
const uniform = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => 0.05 * (2 * rng() - 1));
};

/**
 * z = (x ⊙ s) · K: linear in x, two layer groups (`scale` s [cells], `head` K [cells, classes]).
 * Its gradient s ⊙ K_c ignores x; gradient ⊙ input is s ⊙ K_c ⊙ x.
 */
function linearModel(): RandomisableModel {
  const weights: NamedWeights = {
    'scale/s': { shape: [CELLS], values: uniform(CELLS, 1) },
    'head/kernel': { shape: [CELLS, CLASSES], values: uniform(CELLS * CLASSES, 2) },
  };
  return {
    weights,
    layers: [{ name: 'scale', weights: ['scale/s'] }, { name: 'head', weights: ['head/kernel'] }],
    initial: (name, seed) => uniform(weights[name].values.length, namedSeed(seed, name)),
    withWeights(w) {
      const s = tf.tensor1d(w['scale/s'].values);
      const k = tf.tensor2d(w['head/kernel'].values, [CELLS, CLASSES]);
      return {
        probabilities: (x) => tf.softmax(tf.matMul(tf.mul(tf.reshape(x, [x.shape[0], CELLS]), s), k) as tf.Tensor2D),
        dispose: () => (s.dispose(), k.dispose()),
      };
    },
  };
}

/** Inputs whose magnitudes span e^−4 … e^4 with random signs: a map ⊙ x is ordered mostly by |x|. */
function heavyTailedSamples(samples: number): SampleBlock {
  const rng = createRng(9);
  const data = Float32Array.from({ length: samples * CELLS }, () => (rng() < 0.5 ? -1 : 1) * Math.exp(8 * rng() - 4));
  return { data, samples, time: TIME, features: FEATURES };
}

async function trainedMaps(model: RandomisableModel, method: 'grad' | 'gradxinput', samples: SampleBlock) {
  const m = model.withWeights(model.weights);
  try {
    return await computeSaliency(method, m.probabilities, samples, { kind: 'true', labels: Array.from({ length: samples.samples }, (_, s) => s % CLASSES) }, {}, { batchSize: 8 });
  } finally {
    m.dispose();
  }
}

beforeAll(async () => {
  await selectBackend('cpu');
});

describe('stageLayers', () => {
  it('cascades from the head down, cumulatively, or randomises every group at once', () => {
    const layers = [{ name: 'attention', weights: [] }, { name: 'cell', weights: [] }, { name: 'head', weights: [] }];
    expect(stageLayers(layers, 'cascading')).toEqual([['head'], ['head', 'cell'], ['head', 'cell', 'attention']]);
    expect(stageLayers(layers, 'independent')).toEqual([['head', 'cell', 'attention']]);
  });
});

describe('stageOf', () => {
  it('compares absolute values per sample and summarises mean, sd and mean |ρ|', () => {
    // Sample 0: |a| = [1, 2, 3], |b| = [3, 2, 1] → ρ = −1; sample 1: |b| = |a| up to sign → ρ = 1.
    const a = { data: Float32Array.from([1, -2, 3, 4, 5, -6]), samples: 2, time: 3, features: 1 };
    const b = { data: Float32Array.from([-3, 2, 1, -4, 5, 6]), samples: 2, time: 3, features: 1 };
    const stage = stageOf(['head'], a, b);
    expect(stage.spearman).toEqual([-1, 1]);
    expect(stage.mean).toBeCloseTo(0, 12);
    expect(stage.sd).toBeCloseTo(1, 12);
    expect(stage.meanAbs).toBeCloseTo(1, 12);
  });

  it('leaves out samples whose map is constant', () => {
    const a = { data: Float32Array.from([0, 0, 0, 1, 2, 3]), samples: 2, time: 3, features: 1 };
    const stage = stageOf(['head'], a, a);
    expect(stage.spearman).toEqual([null, 1]);
    expect(stage.meanAbs).toBe(1);
  });
});

describe('randomisationCheck', () => {
  it('fails gradient ⊙ input on a linear model: the input orders the map whatever the weights', async () => {
    const model = linearModel();
    const samples = heavyTailedSamples(6);
    const trained = await trainedMaps(model, 'gradxinput', samples);
    const before = Float32Array.from(model.weights['head/kernel'].values);
    const r = await randomisationCheck(model, { method: 'gradxinput', options: {}, samples, targets: trained.targets, trained: trained.maps, mode: 'cascading', seed: 3 }, { batchSize: 8 });
    expect(r.stages.map((s) => s.layers)).toEqual([['head'], ['head', 'scale']]);
    // Independent reference for the last stage: the maps of a model built from the re-initialised weights directly.
    const w: NamedWeights = { 'scale/s': { shape: [CELLS], values: model.initial('scale/s', 3) }, 'head/kernel': { shape: [CELLS, CLASSES], values: model.initial('head/kernel', 3) } };
    const random = await trainedMaps({ ...model, weights: w }, 'gradxinput', samples);
    expect(r.stages[1].spearman[0]).toBeCloseTo(spearman(trained.maps.data.subarray(0, CELLS).map(Math.abs), random.maps.data.subarray(0, CELLS).map(Math.abs)), 10);
    expect(r.stages[1].meanAbs!).toBeGreaterThanOrEqual(RANDOMISATION_FAIL_THRESHOLD);
    expect(r.verdict).toBe('fails');
    expect(randomisationVerdict(r)).toMatch(/fail the randomisation check/);
    // The trained weights are left as they were.
    expect(model.weights['head/kernel'].values).toEqual(before);
  });

  it('passes the plain gradient of the same model: its map is the weights, and random weights are another map', async () => {
    const model = linearModel();
    const samples = heavyTailedSamples(6);
    const trained = await trainedMaps(model, 'grad', samples);
    const r = await randomisationCheck(model, { method: 'grad', options: {}, samples, targets: trained.targets, trained: trained.maps, mode: 'independent', seed: 3 }, { batchSize: 8 });
    expect(r.stages).toHaveLength(1);
    expect(r.stages[0].layers).toEqual(['head', 'scale']);
    expect(r.stages[0].meanAbs!).toBeLessThan(RANDOMISATION_FAIL_THRESHOLD);
    expect(r.verdict).toBe('passes');
    expect(randomisationVerdict(r)).toMatch(/pass the randomisation check/);
  });
});
