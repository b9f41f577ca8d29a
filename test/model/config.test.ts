import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/model/classifier.js';
import { checkModelConfig, checkModelSpec, validateModelConfig } from '../../src/model/config.js';
import type { Fail } from '../../src/util/check.js';
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
    // One hidden limit for code, the CLI, messages and files (it was 65536 here, 1024 for runs).
    ['hidden 0', { ...base, hidden: 0 }, 'MODEL_CONFIG', 'run.json: hidden = 0; expected an integer from 1 to 1024'],
    ['hidden 1025', { ...base, hidden: 1025 }, 'MODEL_CONFIG', 'run.json: hidden = 1025; expected an integer from 1 to 1024'],
    ['dropout 1', { ...base, inputDropout: 1 }, 'MODEL_CONFIG', 'run.json: inputDropout = 1; expected a dropout rate ≥ 0 and < 1'],
    ['a fractional hop count', { ...base, hops: 2.5 }, 'MODEL_CONFIG', 'run.json: hops = 2.5; expected an integer'],
    // The placeholders are quoted today like strings from the file; either form names the problem.
    ['a missing input size', { classes: 2 }, 'MODEL_CONFIG', /^run\.json: inputSize = "?\(missing\)"?; expected an integer from 1/],
    ['one class', { ...base, classes: 1 }, 'MODEL_CONFIG', 'run.json: classes = 1; expected an integer from 2'],
    ['a string dropout', { ...base, hiddenDropout: '0.1' }, 'MODEL_CONFIG', 'run.json: hiddenDropout = "0.1"; expected a dropout rate'],
    ['an array', [], 'MODEL_CONFIG_TYPE', /^run\.json: model config = "?an array( of 0)?"?; expected an object/],
  ])('refuses %s, naming the field and value', (_, input, code, message: string | RegExp) => {
    const err = errorOf(input);
    expect(err.code).toBe(code);
    if (typeof message === 'string') expect(err.message.startsWith(message), err.message).toBe(true);
    else expect(err.message).toMatch(message);
  });

  it('is applied by createClassifier too', () => {
    expect(() => createClassifier({ ...base, hidden: 0 } as never, 1)).toThrow(/model config: hidden = 0; expected/);
  });

  it('is the one rule for configs read back from files and messages, naming fields under their parent', () => {
    const fail: Fail = (field, value, expected) => {
      throw new Error(`${field} = ${String(value)}; expected ${expected}`);
    };
    const config = { ...DEFAULT_MODEL_CONFIG, ...base };
    expect(checkModelConfig(config, 'model', fail)).toEqual(config);
    expect(checkModelSpec(DEFAULT_MODEL_CONFIG, 'model', fail)).toEqual(DEFAULT_MODEL_CONFIG);
    // Stricter than before for runs and worker messages: unknown fields used to be ignored.
    expect(() => checkModelSpec({ ...DEFAULT_MODEL_CONFIG, hiden: 4 }, 'model', fail)).toThrow(/^model\.hiden = 4; expected one of the fields cell,/);
    expect(() => checkModelSpec({ ...DEFAULT_MODEL_CONFIG, inputSize: 3 }, 'model', fail)).toThrow(/^model\.inputSize = 3/);
    // Nothing is filled in: a file or message must hold every field.
    expect(() => checkModelConfig({ ...DEFAULT_MODEL_CONFIG, inputSize: 3 }, 'model', fail)).toThrow(/^model\.classes = \(missing\)/);
    expect(() => checkModelConfig([], 'model', fail)).toThrow(/^model = an array of 0; expected an object/);
    // One dropout rule: any rate in [0, 1) (runs used to stop at 0.99).
    expect(checkModelSpec({ ...DEFAULT_MODEL_CONFIG, inputDropout: 0.995 }, 'model', fail).inputDropout).toBe(0.995);
    expect(() => checkModelSpec({ ...DEFAULT_MODEL_CONFIG, hiddenDropout: 1 }, 'model', fail)).toThrow(/^model\.hiddenDropout = 1; expected a dropout rate ≥ 0 and < 1/);
  });
});
