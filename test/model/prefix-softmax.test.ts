import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend/select.js';
import { maxScoreRise, prefixBySums, prefixByScan, prefixSoftmaxMeans, SHIFT_RANGE_LIMIT } from '../../src/model/prefix-softmax.js';
import { expectClose } from './fixtures.js';

beforeAll(async () => {
  await selectBackend('cpu');
});

const [BATCH, HOPS, TIME, FEATURES] = [2, 3, 30, 4];
type Prefix = (scores: tf.Tensor3D, x: tf.Tensor3D) => tf.Tensor4D;

/** The O(T²) definition: for every t, softmax over scores[.., :t+1] and the weighted sum of x[:, :t+1]. */
const directPrefixMeans: Prefix = (scores, x) => {
  const out: tf.Tensor3D[] = [];
  for (let t = 0; t < TIME; t++) {
    const a = tf.softmax(tf.slice(scores, [0, 0, 0], [-1, -1, t + 1])) as tf.Tensor3D; // [batch, hops, t+1]
    out.push(tf.matMul(a, tf.slice(x, [0, 0, 0], [-1, t + 1, -1]))); // [batch, hops, features]
  }
  return tf.stack(out, 3) as tf.Tensor4D;
};

const wave = (i: number, a: number, b: number) => Math.sin(a * i + b) + 0.5 * Math.cos(b * i);
const x = Float32Array.from({ length: BATCH * TIME * FEATURES }, (_, i) => wave(i, 0.37, 1.1));
const outWeights = Float32Array.from({ length: BATCH * HOPS * FEATURES * TIME }, (_, i) => wave(i, 0.61, 0.3));
const scoresOf = (f: (b: number, k: number, t: number) => number) => Float32Array.from(
  { length: BATCH * HOPS * TIME }, (_, i) => f(Math.floor(i / (HOPS * TIME)), Math.floor(i / TIME) % HOPS, i % TIME));

/** Output and the gradients of Σ w·out with respect to the scores and x. */
function evaluate(prefix: Prefix, scores: Float32Array) {
  return tf.tidy(() => {
    const w = tf.tensor4d(outWeights, [BATCH, HOPS, FEATURES, TIME]);
    const s = tf.tensor3d(scores, [BATCH, HOPS, TIME]);
    const xt = tf.tensor3d(x, [BATCH, TIME, FEATURES]);
    const [ds, dx] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(prefix(a as tf.Tensor3D, b as tf.Tensor3D), w)))([s, xt]);
    return { out: prefix(s, xt).dataSync().slice(), ds: ds.dataSync().slice(), dx: dx.dataSync().slice() };
  });
}

function expectAgrees(prefix: Prefix, scores: Float32Array, what: string): void {
  const got = evaluate(prefix, scores);
  const want = evaluate(directPrefixMeans, scores);
  for (const key of ['out', 'ds', 'dx'] as const) {
    expect(got[key].every(Number.isFinite), `${what} ${key} finite`).toBe(true);
    expectClose(got[key], want[key], 1e-5, `${what} ${key}`);
  }
}

const rise = (scores: Float32Array) => tf.tidy(() => maxScoreRise(tf.tensor3d(scores, [BATCH, HOPS, TIME])));

describe('prefix softmax means against the direct O(T²) softmax', () => {
  // Attention-like scores: a few nats of spread, no trend.
  const realistic = scoresOf((b, k, t) => 2 * wave(t + 7 * b, 0.9 + 0.2 * k, 0.5 * k));

  it('all three agree on realistic scores, and those take the running sums', () => {
    expect(rise(realistic)).toBeLessThanOrEqual(SHIFT_RANGE_LIMIT);
    expectAgrees(prefixBySums, realistic, 'sums');
    expectAgrees(prefixByScan, realistic, 'scan');
    expectAgrees(prefixSoftmaxMeans, realistic, 'routed');
  });

  it.each([45, 120])('scores rising by %i nats route to the scan and stay exact', (total) => {
    const rising = scoresOf((b, k, t) => (total * t) / (TIME - 1) + wave(t + b, 1.3, k));
    expect(rise(rising)).toBeGreaterThan(SHIFT_RANGE_LIMIT);
    expectAgrees(prefixSoftmaxMeans, rising, `rise ${total}`);
    expectAgrees(prefixByScan, rising, `scan, rise ${total}`);
  });

  it('running sums alone would divide underflowed sums (why the scan exists)', () => {
    const rising = scoresOf((b, k, t) => 4 * t);
    const early = tf.tidy(() => prefixBySums(tf.tensor3d(rising, [BATCH, HOPS, TIME]), tf.tensor3d(x, [BATCH, TIME, FEATURES])).dataSync()[0]);
    expect(Number.isNaN(early)).toBe(true);
    expectAgrees(prefixSoftmaxMeans, rising, 'routed');
  });

  it('scores of ±80 neither overflow nor underflow, on either path', () => {
    const flip = (b: number, k: number, t: number) => (wave(t * (k + 1) + b, 2.1, 0.7) > 0 ? 80 : -80);
    const firstHigh = scoresOf((b, k, t) => (t === 0 ? 80 : flip(b, k, t)));
    const firstLow = scoresOf((b, k, t) => (t === 0 ? -80 : flip(b, k, t)));
    expect(rise(firstHigh)).toBe(0);
    expect(rise(firstLow)).toBe(160);
    expectAgrees(prefixBySums, firstHigh, '±80 sums');
    expectAgrees(prefixSoftmaxMeans, firstHigh, '±80 routed, first high');
    expectAgrees(prefixSoftmaxMeans, firstLow, '±80 routed, first low');
  });
});
