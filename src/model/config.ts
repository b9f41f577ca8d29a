import { DEFAULT_MODEL_CONFIG, type ModelConfig } from './types.js';
import { ModelError } from './errors.js';

const CELLS = ['lstm', 'gru', 'rnn'] as const;
const ATTENTIONS = ['none', 'input-cell'] as const;
const VARIANTS = ['mean', 'matrix'] as const;
/** Far beyond any sensible size; stops a typo from allocating gigabytes. */
const MAX_SIZE = 1 << 16;

const FIELDS: readonly (keyof ModelConfig)[] = [
  'cell', 'attention', 'variant', 'inputSize', 'hidden', 'classes', 'attentionDim', 'hops', 'inputDropout', 'hiddenDropout',
];

/**
 * Checks a model config from a file, a message or code, filling the defaults of the official
 * code for absent fields (`inputSize` and `classes` have none). Unknown fields are refused, so
 * a misspelt option cannot silently fall back to its default. `source` names where the config
 * came from (a file path, `--hidden`, …) in the error.
 */
export function validateModelConfig(input: unknown, source: string): ModelConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ModelError('MODEL_CONFIG_TYPE', source, 'model config', describe(input), 'an object');
  }
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw new ModelError('MODEL_CONFIG_UNKNOWN', source, key, o[key], `one of the fields ${FIELDS.join(', ')}`);
    }
  }
  const field = <K extends keyof ModelConfig>(key: K): unknown => (o[key] === undefined ? (DEFAULT_MODEL_CONFIG as Partial<ModelConfig>)[key] : o[key]);
  const fail = (key: keyof ModelConfig, expected: string): never => {
    throw new ModelError('MODEL_CONFIG', source, key, describe(o[key]), expected);
  };
  const choice = <T extends string>(key: keyof ModelConfig, options: readonly T[]): T => {
    const v = field(key);
    return options.includes(v as T) ? (v as T) : fail(key, `one of ${options.join(', ')}`);
  };
  const size = (key: keyof ModelConfig, min: number): number => {
    const v = field(key);
    return Number.isInteger(v) && (v as number) >= min && (v as number) <= MAX_SIZE ? (v as number) : fail(key, `an integer from ${min} to ${MAX_SIZE}`);
  };
  const rate = (key: keyof ModelConfig): number => {
    const v = field(key);
    return typeof v === 'number' && v >= 0 && v < 1 ? v : fail(key, 'a dropout rate ≥ 0 and < 1');
  };
  return {
    cell: choice('cell', CELLS),
    attention: choice('attention', ATTENTIONS),
    variant: choice('variant', VARIANTS),
    inputSize: size('inputSize', 1),
    hidden: size('hidden', 1),
    classes: size('classes', 2),
    attentionDim: size('attentionDim', 1),
    hops: size('hops', 1),
    inputDropout: rate('inputDropout'),
    hiddenDropout: rate('hiddenDropout'),
  };
}

function describe(value: unknown): unknown {
  if (value === undefined) return '(missing)';
  if (value === null) return 'null';
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  return value;
}
