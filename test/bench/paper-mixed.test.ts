import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mixedTypes } from '../../bench/paper-mixed/mixed-type.js';
import { groupByLength, readoutAccuracy, readoutPass } from '../../bench/paper-mixed/readout.js';
import type { SampleTable } from '../../src/jobs/batches.js';
import { setAttentionImplementation } from '../../src/model/attention.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { createClassifier } from '../../src/model/classifier.js';
import { setRecurrenceImplementation } from '../../src/model/recurrence.js';
import type { ModelConfig } from '../../src/model/types.js';
import { synthSpec, type SynthInfo } from '../../src/synth/index.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

afterEach(() => {
  setAttentionImplementation('auto');
  setRecurrenceImplementation('auto');
});

const TIME = 6;
const FEATURES = 3;
/** Four samples read out at steps 2, 0, 2 and 4: two share a group, one is the first step alone. */
const LENGTHS = [3, 1, 3, 5];
const LABELS = [0, 1, 1, 0];
const CLASS_WEIGHTS = [0.8, 1.25];

const table: SampleTable = {
  data: Float32Array.from({ length: LENGTHS.length * TIME * FEATURES }, (_, i) => Math.sin(0.7 * i + 0.3) * (1 + (i % 5) / 4)),
  window: TIME, features: FEATURES, labels: LABELS, classes: 2,
};

function tinyConfig(attention: 'none' | 'input-cell'): ModelConfig {
  return { cell: 'lstm', attention, variant: 'mean', inputSize: FEATURES, hidden: 2, classes: 2, attentionDim: 4, hops: 2, inputDropout: 0, hiddenDropout: 0 };
}

type W = Record<string, { shape: number[]; values: Float64Array }>;
const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/**
 * The official read-out written out by hand in Float64: every hidden state of the FULL sequence
 * (attention at step t over x_0…x_t, softmax per hop, averaged over hops; LSTM gates i, f, g, o),
 * then the logits of the state at step length − 1, as net.py's gather at X_lengths − 1.
 */
function naiveLogits(w: W, config: ModelConfig, sample: number, length: number): number[] {
  const H = config.hidden;
  const x = (t: number, f: number) => table.data[(sample * TIME + t) * FEATURES + f];
  const get = (name: string, r: number, c: number) => w[name].values[r * w[name].shape[1] + c];
  const inputs: number[][] = [];
  if (config.attention === 'input-cell') {
    const scores = Array.from({ length: TIME }, (_, t) => Array.from({ length: config.hops }, (_, k) => {
      let e = w['attention/b2'].values[k];
      for (let a = 0; a < config.attentionDim; a++) {
        let z = w['attention/b1'].values[a];
        for (let f = 0; f < FEATURES; f++) z += x(t, f) * get('attention/w1', f, a);
        e += Math.tanh(z) * get('attention/w2', a, k);
      }
      return e;
    }));
    for (let t = 0; t < TIME; t++) {
      const m = new Array<number>(FEATURES).fill(0);
      for (let k = 0; k < config.hops; k++) {
        const p = Array.from({ length: t + 1 }, (_, j) => Math.exp(scores[j][k]));
        const z = p.reduce((a, b) => a + b, 0);
        for (let j = 0; j <= t; j++) for (let f = 0; f < FEATURES; f++) m[f] += (p[j] / z) * x(j, f) / config.hops;
      }
      inputs.push(m);
    }
  } else {
    for (let t = 0; t < TIME; t++) inputs.push(Array.from({ length: FEATURES }, (_, f) => x(t, f)));
  }
  let h = new Array<number>(H).fill(0);
  let c = new Array<number>(H).fill(0);
  const states: number[][] = [];
  for (let t = 0; t < TIME; t++) {
    const gate = (block: number, u: number) => {
      const col = block * H + u;
      let v = w['cell/bias'].values[col];
      for (let f = 0; f < FEATURES; f++) v += inputs[t][f] * get('cell/kernel', f, col);
      for (let r = 0; r < H; r++) v += h[r] * get('cell/recurrent', r, col);
      return v;
    };
    const next = Array.from({ length: H }, (_, u) => sigmoid(gate(1, u)) * c[u] + sigmoid(gate(0, u)) * Math.tanh(gate(2, u)));
    h = Array.from({ length: H }, (_, u) => sigmoid(gate(3, u)) * Math.tanh(next[u]));
    c = next;
    states.push(h);
  }
  const read = states[length - 1];
  return Array.from({ length: config.classes }, (_, k) => read.reduce((v, hu, u) => v + hu * get('head/kernel', u, k), w['head/bias'].values[k]));
}

/** Σ w_y·CE / Σ w_y over the batch, in Float64. */
function naiveLoss(w: W, config: ModelConfig, indices: readonly number[]): number {
  let num = 0;
  let den = 0;
  for (const s of indices) {
    const z = naiveLogits(w, config, s, LENGTHS[s]);
    const lse = Math.log(z.reduce((a, v) => a + Math.exp(v), 0));
    num += CLASS_WEIGHTS[LABELS[s]] * (lse - z[LABELS[s]]);
    den += CLASS_WEIGHTS[LABELS[s]];
  }
  return num / den;
}

describe('per-sample read-out by truncation per length group', () => {
  const indices = [2, 0, 3, 1];
  it.each([
    ['input-cell', 'auto'], ['input-cell', 'ops'], ['none', 'auto'], ['none', 'ops'],
  ] as const)('attention %s (%s kernels): logits, loss and weight gradients equal the Float64 gather at step length − 1 of the full sequence', (attention, kernels) => {
    setAttentionImplementation(kernels);
    setRecurrenceImplementation(kernels);
    const config = tinyConfig(attention);
    const model = createClassifier(config, 11);
    try {
      const w: W = Object.fromEntries(Object.entries(model.getWeights()).map(([k, v]) => [k, { shape: v.shape, values: Float64Array.from(v.values) }]));
      const pass = readoutPass(model, table, indices, LENGTHS, CLASS_WEIGHTS, false);
      indices.forEach((s, b) => {
        const expected = naiveLogits(w, config, s, LENGTHS[s]);
        expected.forEach((v, k) => expect(pass.logits[b * 2 + k]).toBeCloseTo(v, 5));
      });
      expect(pass.loss).toBeCloseTo(naiveLoss(w, config, indices), 5);
      // Central differences of the Float64 loss, weight by weight.
      const eps = 1e-6;
      let compared = 0;
      for (const [name, grad] of pass.grads) {
        const g = grad.dataSync();
        const values = w[name].values;
        for (let i = 0; i < values.length; i++) {
          const keep = values[i];
          values[i] = keep + eps;
          const up = naiveLoss(w, config, indices);
          values[i] = keep - eps;
          const down = naiveLoss(w, config, indices);
          values[i] = keep;
          expect(Math.abs(g[i] - (up - down) / (2 * eps))).toBeLessThan(2e-5);
          compared++;
        }
      }
      expect(compared).toBe(Object.values(w).reduce((n, v) => n + v.values.length, 0));
      tf.dispose([...pass.grads.values()]);
    } finally {
      model.dispose();
    }
  });

  it('reads every sample of a length group alike whatever its order in the batch, and the accuracy counts each sample once', () => {
    const config = tinyConfig('input-cell');
    const model = createClassifier(config, 3);
    try {
      const a = readoutPass(model, table, [0, 1, 2, 3], LENGTHS, CLASS_WEIGHTS, false);
      const b = readoutPass(model, table, [3, 2, 1, 0], LENGTHS, CLASS_WEIGHTS, false);
      for (let s = 0; s < 4; s++) for (let k = 0; k < 2; k++) expect(b.logits[(3 - s) * 2 + k]).toBeCloseTo(a.logits[s * 2 + k], 6);
      const predicted = [0, 1, 2, 3].map((s) => (a.logits[s * 2 + 1] > a.logits[s * 2] ? 1 : 0));
      const expected = predicted.filter((p, s) => p === LABELS[s]).length / 4;
      expect(readoutAccuracy(model, table, [0, 1, 2, 3], LENGTHS, 1)).toBe(expected);
      tf.dispose([...a.grads.values(), ...b.grads.values()]);
    } finally {
      model.dispose();
    }
  });

  it('groups by length, shortest first, and refuses a length outside 1…window', () => {
    expect(groupByLength(LENGTHS, [0, 1, 2, 3], TIME)).toEqual([{ length: 1, positions: [1] }, { length: 3, positions: [0, 2] }, { length: 5, positions: [3] }]);
    expect(() => groupByLength([0], [0], TIME)).toThrow(/read-out lengths/);
    expect(() => groupByLength([TIME + 1], [0], TIME)).toThrow(/read-out lengths/);
  });
});

describe('official Mixed Type of each sample', () => {
  const spec = synthSpec('mixed');
  const info = (boxSets: SynthInfo['boxSets'], sampleBoxSet: number[]) => ({ boxSets, sampleBoxSet }) as SynthInfo;

  it('maps our seven box sets to createMixedSimulationData.py Types 1…7 (UpperLeft … MiddleBox), by box not by position', () => {
    // Ours: time [5,65) then [35,95), each with features [5,65), [35,95), [20,80); then the middle box.
    expect(Array.from(mixedTypes(info(spec.boxSets, [0, 1, 2, 3, 4, 5, 6])))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const reversed = spec.boxSets.slice().reverse();
    expect(Array.from(mixedTypes(info(reversed, [0, 6, 6])))).toEqual([7, 1, 1]);
  });

  it('refuses a box set that is not in the official table', () => {
    expect(() => mixedTypes(info([[{ t: [0, 30], f: [10, 90] }]], [0]))).toThrow(/boxSets\[0\]/);
  });
});
