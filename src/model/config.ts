import { describe, type Fail } from '../util/check.js';
import { ModelError } from './errors.js';
import { ATTENTION_KINDS, ATTENTION_VARIANTS, CELL_KINDS, DEFAULT_MODEL_CONFIG, type ModelConfig, type ModelSpec } from './types.js';

/**
 * Largest sizes a model accepts, from code, the CLI, a worker message or a file alike. hidden:
 * far above what this app's models need (the paper uses 5), low enough that a typo fails at
 * once instead of allocating gigabytes (an LSTM of hidden 1024 holds 4·H·(H + N) weights, ~17 M
 * for 100 regions, tripled by Adam). Other sizes: far beyond any sensible one.
 */
export const MODEL_LIMITS = { hidden: 1024, size: 1 << 16 } as const;

const SPEC_FIELDS = ['cell', 'attention', 'variant', 'hidden', 'attentionDim', 'hops', 'inputDropout', 'hiddenDropout'] as const satisfies readonly (keyof ModelSpec)[];
const CONFIG_FIELDS = ['cell', 'attention', 'variant', 'inputSize', 'hidden', 'classes', 'attentionDim', 'hops', 'inputDropout', 'hiddenDropout'] as const satisfies readonly (keyof ModelConfig)[];

/**
 * Checks a model config read back from a file or a message: every field present, of its type
 * and range, and no unknown field (a misspelt option must not silently fall back to its
 * default). Errors go through `fail`, named under `field` (e.g. `model.hidden`).
 */
export function checkModelConfig(value: unknown, field: string, fail: Fail): ModelConfig {
  return checkFields(value, CONFIG_FIELDS, nestedUnder(field, fail)) as ModelConfig;
}

/** checkModelConfig for the user's choices alone, before the dataset fixes inputSize and classes. */
export function checkModelSpec(value: unknown, field: string, fail: Fail): ModelSpec {
  return checkFields(value, SPEC_FIELDS, nestedUnder(field, fail)) as ModelSpec;
}

/**
 * Checks a model config given in code, filling the defaults of the official code for absent
 * fields (`inputSize` and `classes` have none); ModelErrors name `source` (a file path, …).
 */
export function validateModelConfig(input: unknown, source: string): ModelConfig {
  const codes = { type: 'MODEL_CONFIG_TYPE', unknown: 'MODEL_CONFIG_UNKNOWN', value: 'MODEL_CONFIG' } as const;
  const fail: KindFail = (kind, field, value, expected) => {
    throw new ModelError(codes[kind], source, field ?? 'model config', value, expected);
  };
  const filled = isRecord(input) ? { ...DEFAULT_MODEL_CONFIG, ...definedFields(input) } : input;
  return checkFields(filled, CONFIG_FIELDS, fail) as ModelConfig;
}

/** A failure of one kind: the config is no object (field null), has an unknown field, or a bad value. */
type KindFail = (kind: 'type' | 'unknown' | 'value', field: string | null, value: unknown, expected: string) => never;

/** A Fail for errors named under `prefix` (e.g. `model.hidden`; the object itself as `model`). */
function nestedUnder(prefix: string, fail: Fail): KindFail {
  return (_kind, field, value, expected) => fail(field === null ? prefix : `${prefix}.${field}`, value, expected);
}

/** The one set of rules behind the three entry points above. */
function checkFields(value: unknown, fields: readonly (keyof ModelConfig)[], fail: KindFail): Partial<ModelConfig> {
  if (!isRecord(value)) return fail('type', null, describe(value), 'an object');
  const o = value;
  const f = (key: string, v: unknown, expected: string) => fail('value', key, v, expected);
  for (const key of Object.keys(o)) {
    if (!(fields as readonly string[]).includes(key)) fail('unknown', key, describe(o[key]), `one of the fields ${fields.join(', ')}`);
  }
  const choice = <T extends string>(key: keyof ModelConfig, options: readonly T[]): T =>
    options.includes(o[key] as T) ? (o[key] as T) : f(key, describe(o[key]), `one of ${options.join(', ')}`);
  const size = (key: keyof ModelConfig, min: number, max: number = MODEL_LIMITS.size): number => {
    const v = o[key];
    return Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : f(key, describe(v), `an integer from ${min} to ${max}`);
  };
  // tf.dropout needs a rate below 1 (the kept units are scaled by 1 / (1 − rate)).
  const rate = (key: keyof ModelConfig): number => {
    const v = o[key];
    return typeof v === 'number' && v >= 0 && v < 1 ? v : f(key, describe(v), 'a dropout rate ≥ 0 and < 1');
  };
  const checks: { [K in keyof ModelConfig]: () => ModelConfig[K] } = {
    cell: () => choice('cell', CELL_KINDS),
    attention: () => choice('attention', ATTENTION_KINDS),
    variant: () => choice('variant', ATTENTION_VARIANTS),
    inputSize: () => size('inputSize', 1),
    hidden: () => size('hidden', 1, MODEL_LIMITS.hidden),
    classes: () => size('classes', 2),
    attentionDim: () => size('attentionDim', 1),
    hops: () => size('hops', 1),
    inputDropout: () => rate('inputDropout'),
    hiddenDropout: () => rate('hiddenDropout'),
  };
  return Object.fromEntries(fields.map((key) => [key, checks[key]()]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field given as `undefined` in code counts as absent, so its default applies. */
function definedFields(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
