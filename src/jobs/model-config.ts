import type { ModelConfig } from '../model/types.js';
import { nested, num, record, type Fail } from '../util/check.js';
import { checkModelSpec } from './options.js';

/**
 * Checks a model config read back from a file or a message: the user's choices (checkModelSpec)
 * plus the sizes the dataset fixed. validateModelConfig has the last word when a model is built.
 */
export function checkModelConfig(value: unknown, field: string, fail: Fail): ModelConfig {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  return {
    ...checkModelSpec(o, field, fail),
    inputSize: num(o, 'inputSize', f, { integer: true, min: 1 }),
    classes: num(o, 'classes', f, { integer: true, min: 2 }),
  };
}
