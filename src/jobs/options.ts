import { MODEL_LIMITS } from '../model/config.js';
import { describe, nested, num, oneOf, record, type Fail } from '../util/check.js';
import { MONITORS } from './early-stopping.js';
import { SEED_MAX } from '../util/seeds.js';
import type { TrainOptions } from './types.js';

/**
 * Largest values a run accepts, the same from the CLI, a worker message or config.json. Far
 * above what this app's models need (the paper trains hidden 5 for ~100 epochs, batch 50),
 * low enough that a typo fails at once instead of allocating gigabytes or running for days:
 * a pass's activations grow with the batch (~0.5 MB a row for 100 × 100 windows). The model
 * owns its own limits (MODEL_LIMITS, checked by checkModelSpec/checkModelConfig).
 */
export const TRAIN_LIMITS = {
  hidden: MODEL_LIMITS.hidden,
  epochs: 10_000,
  batchSize: 4096,
  /** Adam diverges long before; the paper uses 1e-3. */
  learningRate: 1,
  epsilon: 1,
  patience: 10_000,
  seed: SEED_MAX,
  evaluateEveryBatches: 1_000_000,
} as const;

const L = TRAIN_LIMITS;

/** Checks training options, types and ranges (from a message, a file or the CLI). */
export function checkTrainOptions(value: unknown, field: string, fail: Fail): TrainOptions {
  const o = record(value, field, fail);
  const f = nested(fail, field);
  return {
    epochs: num(o, 'epochs', f, { integer: true, min: 1, max: L.epochs }),
    batchSize: num(o, 'batchSize', f, { integer: true, min: 1, max: L.batchSize }),
    learningRate: positive(o, 'learningRate', L.learningRate, f),
    epsilon: positive(o, 'epsilon', L.epsilon, f),
    seed: num(o, 'seed', f, { integer: true, min: 0, max: L.seed }),
    patience: num(o, 'patience', f, { integer: true, min: 1, max: L.patience }),
    // Runs written before `monitor` existed followed the validation loss.
    monitor: o.monitor === undefined ? 'val_loss' : oneOf(o, 'monitor', MONITORS, f),
    validationFraction: num(o, 'validationFraction', f, { min: 0.001, max: 0.5 }),
    // Set only when given, so a run without them writes the same config.json as before they existed.
    ...optional(o, 'evaluateEveryBatches', () => num(o, 'evaluateEveryBatches', f, { integer: true, min: 1, max: L.evaluateEveryBatches })),
    ...optional(o, 'stopAtTrainAccuracy', () => fraction(o, 'stopAtTrainAccuracy', f)),
  };
}

/** `{ [key]: value }` when `o[key]` is set, `{}` when it is absent or null (null: the option is off). */
function optional<K extends string>(o: Record<string, unknown>, key: K, check: () => number): Partial<Record<K, number>> {
  return o[key] === undefined || o[key] === null ? {} : ({ [key]: check() } as Record<K, number>);
}

function fraction(o: Record<string, unknown>, key: string, fail: Fail): number {
  const v = o[key];
  if (typeof v !== 'number' || !(v > 0 && v <= 1)) fail(key, describe(v), 'a number > 0 and ≤ 1 (a share of the training samples), or null');
  return v as number;
}

function positive(o: Record<string, unknown>, key: string, max: number, fail: Fail): number {
  const v = o[key];
  if (typeof v !== 'number' || !(v > 0 && v <= max)) fail(key, describe(v), `a number > 0 and ≤ ${max}`);
  return v as number;
}
