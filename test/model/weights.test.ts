import { afterAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../src/model/backend/select.js';
import { createClassifier } from '../../src/model/classifier.js';
import { ModelError } from '../../src/model/errors.js';
import type { NamedWeights } from '../../src/model/types.js';
import { fixedWeights, specShapes, tinyConfig } from './fixtures.js';

// Before the models below are built at load time (else TF.js picks a backend and advertises tfjs-node).
await selectBackend('cpu');

const config = tinyConfig('lstm', 'matrix');
const model = createClassifier(config, 5);
afterAll(() => model.dispose());

/** New values (unlike the current ones) for every weight, then `change` breaks one or two of them. */
function withBad(change: (w: NamedWeights) => void): NamedWeights {
  const w = fixedWeights(config, Object.fromEntries(Object.keys(specShapes(config)).map((name) => [name, -2])));
  change(w);
  return w;
}

describe('setWeights', () => {
  it('holds exactly the weights the spec names, with their shapes', () => {
    const shapes = Object.fromEntries(Object.entries(model.getWeights()).map(([name, w]) => [name, w.shape]));
    expect(shapes).toEqual(specShapes(config));
    expect([...model.variables.keys()]).toEqual(Object.keys(specShapes(config)));
  });

  it('replaces every weight when names and shapes match', () => {
    const next = fixedWeights(config);
    model.setWeights(next);
    expect(model.getWeights()).toEqual(next);
  });

  it.each([
    ['a wrong shape', (w: NamedWeights) => { w['head/bias'] = { shape: [4], values: new Float32Array(4) }; }, 'MODEL_WEIGHT_SHAPE', 'weights: head/bias.shape = [4]; expected [3]'],
    ['a transposed matrix', (w: NamedWeights) => { w['cell/kernel'].shape = [12, 9]; }, 'MODEL_WEIGHT_SHAPE', 'weights: cell/kernel.shape = [12, 9]; expected [9, 12]'],
    ['too few values', (w: NamedWeights) => { w['head/bias'].values = new Float32Array(2); }, 'MODEL_WEIGHT_VALUES', 'weights: head/bias.values = "2 values"; expected a Float32Array of 3 values'],
    ['a misspelt name', (w: NamedWeights) => { w['head/biass'] = w['head/bias']; delete w['head/bias']; }, 'MODEL_WEIGHT_NAMES', '(missing head/bias) (unexpected head/biass)'],
    ['an extra weight', (w: NamedWeights) => { w['head/extra'] = { shape: [1], values: new Float32Array(1) }; }, 'MODEL_WEIGHT_NAMES', '(unexpected head/extra)'],
  ])('refuses %s with a ModelError and changes no weight', (_, change, code, message) => {
    const before = model.getWeights();
    expect(withBad(() => {})['cell/kernel'].values).not.toEqual(before['cell/kernel'].values);
    let error: unknown;
    try {
      model.setWeights(withBad(change));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).code).toBe(code);
    expect((error as ModelError).message).toContain(message);
    expect(model.getWeights()).toEqual(before);
  });
});
