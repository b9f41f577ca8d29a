import { nested, num, oneOf, record, type Fail } from '../util/check.js';
import { MONITORS } from './early-stopping.js';
import type { ModelSpec, TrainOptions } from './types.js';

/** Checks training options, types and ranges (from a message, a file or the CLI). */
export function checkTrainOptions(value: unknown, field: string, fail: Fail): TrainOptions {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  return {
    epochs: num(o, 'epochs', f, { integer: true, min: 1 }),
    batchSize: num(o, 'batchSize', f, { integer: true, min: 1 }),
    learningRate: positive(num(o, 'learningRate', f), 'learningRate', f),
    epsilon: positive(num(o, 'epsilon', f), 'epsilon', f),
    seed: num(o, 'seed', f, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER }),
    patience: num(o, 'patience', f, { integer: true, min: 1 }),
    // Runs written before `monitor` existed followed the validation loss.
    monitor: o.monitor === undefined ? 'val_loss' : oneOf(o, 'monitor', MONITORS, f),
    validationFraction: num(o, 'validationFraction', f, { min: 0.001, max: 0.5 }),
  };
}

/** Checks the user's model choices (inputSize and classes come from the dataset). */
export function checkModelSpec(value: unknown, field: string, fail: Fail): ModelSpec {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  const int = (k: string) => num(o, k, f, { integer: true, min: 1 });
  const rate = (k: string) => num(o, k, f, { min: 0, max: 0.99 });
  return {
    cell: oneOf(o, 'cell', ['lstm', 'gru', 'rnn'] as const, f),
    attention: oneOf(o, 'attention', ['none', 'input-cell'] as const, f),
    variant: oneOf(o, 'variant', ['mean', 'matrix'] as const, f),
    hidden: int('hidden'),
    attentionDim: int('attentionDim'),
    hops: int('hops'),
    inputDropout: rate('inputDropout'),
    hiddenDropout: rate('hiddenDropout'),
  };
}

function positive(v: number, key: string, fail: Fail): number {
  if (!(v > 0)) fail(key, v, 'a number > 0');
  return v;
}
