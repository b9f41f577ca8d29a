import type { ModelConfig } from '../model/types.js';
import { nested, num, oneOf, record, type Fail } from './check.js';

/**
 * Checks a model config read back from a file or a message. The model owner's
 * validateModelConfig has the last word when a model is built; this guards the boundary.
 */
export function checkModelConfig(value: unknown, field: string, fail: Fail): ModelConfig {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  const int = (k: string) => num(o, k, f, { integer: true, min: 1 });
  const rate = (k: string) => num(o, k, f, { min: 0, max: 0.99 });
  return {
    cell: oneOf(o, 'cell', ['lstm', 'gru', 'rnn'] as const, f),
    attention: oneOf(o, 'attention', ['none', 'input-cell'] as const, f),
    variant: oneOf(o, 'variant', ['mean', 'matrix'] as const, f),
    inputSize: int('inputSize'),
    hidden: int('hidden'),
    classes: num(o, 'classes', f, { integer: true, min: 2 }),
    attentionDim: int('attentionDim'),
    hops: int('hops'),
    inputDropout: rate('inputDropout'),
    hiddenDropout: rate('hiddenDropout'),
  };
}
