import { EXPLAIN_DEFAULTS } from '../../app/explain.js';
import { saliencyResultDir } from '../../app/layout.js';
import { BACKEND_CHOICES, type BackendChoice } from '../../model/backend/index.js';
import { baselineSpec, type BaselineName, type ExplainRequest } from '../../saliency/explain-run.js';
import { DEFAULTS, INTEGRATION_RULES, LIMITS, type IntegrationRule, type SaliencyOptions } from '../../saliency/methods/index.js';
import { RANDOMISATION_MODES, type RandomisationMode } from '../../saliency/randomisation-modes.js';
import { SALIENCY_METHODS, type SaliencyMethod } from '../../saliency/types.js';
import { UsageError } from '../../errors.js';
import { choiceOption, intOption, numberOption, parseCommand, requiredOption } from '../args.js';

/** Rows per pass at most; the memory bound may lower it further (methods/memory.ts). */
export const MAX_BATCH = 4096;

const str = { type: 'string' } as const;
const flag = { type: 'boolean' } as const;
const OPTIONS = {
  run: str, method: str, tsr: flag, 'tsr-alpha': str, 'tsr-fast': flag, samples: str, target: str, baseline: str,
  steps: str, rule: str, 'noise-samples': str, sigma: str, seed: str, batch: str, backend: str, out: str, json: flag,
  'masked-accuracy': str, randomisation: str,
} as const;

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

export type SaliencyArgs =
  | { help: true }
  | { help: false; request: ExplainRequest; batchSize: number; backend: BackendChoice; out: string; json: boolean; warnings: string[] };

/**
 * Reads `saliency`'s arguments, every value checked against its range before the run is
 * opened, defaults from the explain operation's (app/explain.ts). Options of another method
 * than the chosen one come back as warnings, not errors.
 */
export function parseSaliencyArgs(argv: string[]): SaliencyArgs {
  const { values } = parseCommand('saliency', argv, OPTIONS);
  if (values.help) return { help: true };
  const cmd = 'saliency';
  const runDir = requiredOption(cmd, 'run', values.run);
  const method = choiceOption<SaliencyMethod>(cmd, 'method', values.method, SALIENCY_METHODS, EXPLAIN_DEFAULTS.method);
  const seed = intOption(cmd, 'seed', values.seed, DEFAULTS.seed, 0, LIMITS.seed);
  const tsr = values.tsr ?? false;
  const options: SaliencyOptions = {
    baseline: baselineSpec(choiceOption<BaselineName>(cmd, 'baseline', values.baseline, ['zeros', 'mean', 'random'], 'zeros'), seed),
    steps: intOption(cmd, 'steps', values.steps, DEFAULTS.steps, 1, LIMITS.steps),
    rule: choiceOption<IntegrationRule>(cmd, 'rule', values.rule, INTEGRATION_RULES, DEFAULTS.rule),
    noiseSamples: intOption(cmd, 'noise-samples', values['noise-samples'], DEFAULTS.noiseSamples, 1, LIMITS.noiseSamples),
    sigma: numberOption(cmd, 'sigma', values.sigma, DEFAULTS.sigma, { above: 0, max: LIMITS.sigma }),
    seed,
    tsr: tsr ? { alpha: numberOption(cmd, 'tsr-alpha', values['tsr-alpha'], DEFAULTS.alpha, { above: 0, below: 1 }), featurePass: !values['tsr-fast'] } : false,
  };
  const request: ExplainRequest = {
    runDir, method, options,
    samples: choiceOption(cmd, 'samples', values.samples, ['test', 'all'] as const, EXPLAIN_DEFAULTS.samples),
    target: choiceOption(cmd, 'target', values.target, ['true', 'predicted'] as const, EXPLAIN_DEFAULTS.target),
    ...(values['masked-accuracy'] !== undefined ? { maskedAccuracy: percentList(cmd, 'masked-accuracy', values['masked-accuracy']) } : {}),
    ...randomisationOption(cmd, values.randomisation),
  };
  return {
    help: false, request,
    batchSize: intOption(cmd, 'batch', values.batch, EXPLAIN_DEFAULTS.batchSize, 1, MAX_BATCH),
    backend: choiceOption<BackendChoice>(cmd, 'backend', values.backend, BACKEND_CHOICES, EXPLAIN_DEFAULTS.backend),
    out: values.out ?? saliencyResultDir(runDir, method, tsr),
    json: values.json ?? false,
    warnings: ignoredOptions(values, method, tsr),
  };
}

/** `--randomisation cascading | independent | off` (default EXPLAIN_DEFAULTS'): the request's field, absent when off. */
function randomisationOption(cmd: string, value: string | boolean | undefined): { randomisation?: RandomisationMode } {
  const mode = choiceOption<RandomisationMode | 'off'>(cmd, 'randomisation', value as string | undefined, [...RANDOMISATION_MODES, 'off'], EXPLAIN_DEFAULTS.randomisation);
  return mode === 'off' ? {} : { randomisation: mode };
}

/**
 * "10,20,30" → the fractions [0.1, 0.2, 0.3]: each a percentage strictly between 0 and 100
 * (0 % would replace nothing, 100 % every cell, leaving no random control to compare with),
 * sorted, duplicates dropped.
 */
export function percentList(command: string, name: string, value: string): number[] {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.some((s) => s === '')) throw new UsageError('CLI_ARGS', command, `--${name}`, value, 'comma-separated percentages, e.g. 10,20,30');
  const percents = parts.map((s) => numberOption(command, name, s, NaN, { above: 0, below: 100 }));
  // Rounded to 15 digits so that 99.9 % is stored as 0.999, not 0.9990000000000001.
  return [...new Set(percents)].sort((a, b) => a - b).map((p) => Number((p / 100).toPrecision(15)));
}

const FILLED: readonly SaliencyMethod[] = ['ig', 'occlusion-time', 'occlusion-feature'];

/** Which method reads each method-specific option, as the warning names it. */
const USED_BY: Record<string, { by: string; used(method: SaliencyMethod, tsr: boolean, values: Values): boolean }> = {
  steps: { by: '--method ig', used: (m) => m === 'ig' },
  rule: { by: '--method ig', used: (m) => m === 'ig' },
  'noise-samples': { by: '--method smoothgrad', used: (m) => m === 'smoothgrad' },
  sigma: { by: '--method smoothgrad', used: (m) => m === 'smoothgrad' },
  baseline: { by: '--method ig, occlusion-time or occlusion-feature', used: (m) => FILLED.includes(m) },
  seed: {
    by: '--method smoothgrad, a --baseline random, --masked-accuracy or --randomisation',
    used: (m, _, v) => m === 'smoothgrad' || (FILLED.includes(m) && v.baseline === 'random') || v['masked-accuracy'] !== undefined || (v.randomisation !== undefined && v.randomisation !== 'off'),
  },
  'tsr-alpha': { by: '--tsr', used: (_, tsr) => tsr },
  'tsr-fast': { by: '--tsr', used: (_, tsr) => tsr },
};

/** One line per option given that the chosen method does not read ("--steps is only used by --method ig; ignored"). */
export function ignoredOptions(values: Values, method: SaliencyMethod, tsr: boolean): string[] {
  return Object.entries(USED_BY)
    .filter(([name, rule]) => values[name as keyof Values] !== undefined && !rule.used(method, tsr, values))
    .map(([name, rule]) => `--${name} is only used by ${rule.by}; ignored`);
}
