import { afterAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend/select.js';
import { createClassifier } from '../../src/model/classifier.js';
import type { ModelConfig } from '../../src/model/types.js';
import { specShapes } from './fixtures.js';

// Before the models below are built at load time (else TF.js picks a backend and advertises tfjs-node).
await selectBackend('cpu');

// Sizes of a real run, so that each matrix has enough entries to show its range.
const config: ModelConfig = {
  cell: 'lstm', attention: 'input-cell', variant: 'matrix', inputSize: 16, hidden: 8, classes: 3,
  attentionDim: 50, hops: 4, inputDropout: 0.1, hiddenDropout: 0.1,
};
const models = [createClassifier(config, 1), createClassifier(config, 1), createClassifier(config, 2)];
const [a, same, other] = models.map((m) => m.getWeights());
afterAll(() => models.forEach((m) => m.dispose()));

const matrices = Object.entries(specShapes(config)).filter(([, shape]) => shape.length === 2);
const vectors = Object.entries(specShapes(config)).filter(([, shape]) => shape.length === 1);

describe('initial weights', () => {
  it.each(matrices)('%s %j is Xavier-uniform within ±√(6/(fan_in+fan_out)) and fills that range', (name, [fanIn, fanOut]) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const v = Array.from(a[name].values);
    expect(Math.max(...v.map(Math.abs))).toBeLessThanOrEqual(limit);
    // Uniform draws of ≥ 24 entries: the extremes come near both ends and the mean near 0.
    expect(Math.max(...v)).toBeGreaterThan(0.75 * limit);
    expect(Math.min(...v)).toBeLessThan(-0.75 * limit);
    expect(Math.abs(v.reduce((s, e) => s + e, 0) / v.length)).toBeLessThan(limit / 3);
  });

  it.each(vectors)('bias %s is zero', (name) => {
    expect(a[name].values.every((e) => e === 0)).toBe(true);
  });

  it('the same seed gives identical weights, another seed different matrices', () => {
    expect(same).toEqual(a);
    for (const [name] of matrices) expect(other[name].values, name).not.toEqual(a[name].values);
  });

  it('each weight draws from its own stream: two matrices of equal shape differ', () => {
    // attention/w1 is [16, 50]; compare the LSTM kernel and recurrent of a model where they share a shape.
    const square = createClassifier({ ...config, attention: 'none', inputSize: 8 }, 1);
    const w = square.getWeights();
    expect(w['cell/kernel'].shape).toEqual(w['cell/recurrent'].shape);
    expect(w['cell/kernel'].values).not.toEqual(w['cell/recurrent'].values);
    square.dispose();
  });
});
