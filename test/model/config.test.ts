import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/model/classifier.js';
import { validateModelConfig } from '../../src/model/config.js';
import { ModelError } from '../../src/model/errors.js';
import { DEFAULT_MODEL_CONFIG } from '../../src/model/types.js';

const base = { inputSize: 3, classes: 2 };

function errorOf(input: unknown): ModelError {
  try {
    validateModelConfig(input, 'run.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return error as ModelError;
  }
  throw new Error('expected the config to be refused');
}

describe('model config validation', () => {
  it('fills the official defaults for absent fields', () => {
    expect(validateModelConfig(base, 'run.json')).toEqual({ ...DEFAULT_MODEL_CONFIG, ...base });
  });

  it.each([
    ['an unknown field', { ...base, hiden: 4 }, 'MODEL_CONFIG_UNKNOWN', 'run.json: hiden = 4; expected one of the fields cell, attention,'],
    ['a bad cell', { ...base, cell: 'transformer' }, 'MODEL_CONFIG', 'run.json: cell = "transformer"; expected one of lstm, gru, rnn'],
    ['hidden 0', { ...base, hidden: 0 }, 'MODEL_CONFIG', 'run.json: hidden = 0; expected an integer from 1 to 65536'],
    ['dropout 1', { ...base, inputDropout: 1 }, 'MODEL_CONFIG', 'run.json: inputDropout = 1; expected a dropout rate ≥ 0 and < 1'],
    ['a fractional hop count', { ...base, hops: 2.5 }, 'MODEL_CONFIG', 'run.json: hops = 2.5; expected an integer'],
    // The placeholders are quoted today like strings from the file; either form names the problem.
    ['a missing input size', { classes: 2 }, 'MODEL_CONFIG', /^run\.json: inputSize = "?\(missing\)"?; expected an integer from 1/],
    ['one class', { ...base, classes: 1 }, 'MODEL_CONFIG', 'run.json: classes = 1; expected an integer from 2'],
    ['a string dropout', { ...base, hiddenDropout: '0.1' }, 'MODEL_CONFIG', 'run.json: hiddenDropout = "0.1"; expected a dropout rate'],
    ['an array', [], 'MODEL_CONFIG_TYPE', /^run\.json: model config = "?an array"?; expected an object/],
  ])('refuses %s, naming the field and value', (_, input, code, message: string | RegExp) => {
    const err = errorOf(input);
    expect(err.code).toBe(code);
    if (typeof message === 'string') expect(err.message.startsWith(message), err.message).toBe(true);
    else expect(err.message).toMatch(message);
  });

  it('is applied by createClassifier too', () => {
    expect(() => createClassifier({ ...base, hidden: 0 } as never, 1)).toThrow(/model config: hidden = 0; expected/);
  });
});
