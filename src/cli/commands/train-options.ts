import { TRAIN_DEFAULTS, type TrainOperationOptions } from '../../app/train.js';
import { UsageError } from '../../errors.js';
import { MONITORS } from '../../jobs/early-stopping.js';
import { TRAIN_LIMITS } from '../../jobs/options.js';
import { BACKEND_CHOICES } from '../../model/backend/types.js';
import { ATTENTION_KINDS, ATTENTION_VARIANTS, CELL_KINDS } from '../../model/types.js';
import { choiceOption, intOption, numberOption, parseCommand, requiredOption } from '../args.js';

/** The defaults (src/app/train.ts) flat, as the help names them. */
export const TRAIN_HELP_DEFAULTS = { ...TRAIN_DEFAULTS.training, ...TRAIN_DEFAULTS.model, backend: TRAIN_DEFAULTS.backend };
const D = TRAIN_HELP_DEFAULTS;
const L = TRAIN_LIMITS;

/** Settings of a new run; a resumed run keeps those in its config.json. */
const RUN_SETTINGS = ['data', 'model', 'attention', 'variant', 'monitor', 'hidden', 'epochs', 'batch', 'lr', 'patience', 'seed', 'evaluate-every', 'stop-at-train-accuracy'] as const;
const str = { type: 'string' } as const;
const OPTIONS = {
  ...Object.fromEntries(RUN_SETTINGS.map((name) => [name, str])) as Record<(typeof RUN_SETTINGS)[number], typeof str>,
  backend: str, out: str, resume: { type: 'boolean' }, json: { type: 'boolean' },
} as const;

export type TrainArgs = { help: true } | { help: false; options: TrainOperationOptions; out: string; json: boolean };

/**
 * Reads `train`'s arguments into the operation's options. Only usage errors (exit 2) are
 * found here, so a typo is reported as such; the dataset and the run folder are the
 * operation's to check.
 */
export function parseTrainArgs(argv: string[]): TrainArgs {
  const { values } = parseCommand('train', argv, OPTIONS);
  if (values.help) return { help: true };
  const out = requiredOption('train', 'out', values.out);
  const backend = choiceOption('train', 'backend', values.backend, BACKEND_CHOICES, D.backend);
  const json = values.json ?? false;
  if (values.resume) {
    const extra = RUN_SETTINGS.find((name) => values[name] !== undefined);
    if (extra) throw new UsageError('CLI_ARGS', 'train', `--${extra}`, values[extra], `no --${extra} with --resume (a resumed run keeps the settings in its config.json)`);
    // Without --backend the run's own choice is kept: another backend may differ in the last digits.
    return { help: false, out, json, options: values.backend ? { out, resume: true, backend } : { out, resume: true } };
  }
  const model = {
    cell: choiceOption('train', 'model', values.model, CELL_KINDS, D.cell),
    attention: choiceOption('train', 'attention', values.attention, ATTENTION_KINDS, D.attention),
    variant: choiceOption('train', 'variant', values.variant, ATTENTION_VARIANTS, D.variant),
    hidden: intOption('train', 'hidden', values.hidden, D.hidden, 1, L.hidden),
  };
  const training = {
    epochs: intOption('train', 'epochs', values.epochs, D.epochs, 1, L.epochs),
    batchSize: intOption('train', 'batch', values.batch, D.batchSize, 1, L.batchSize),
    learningRate: numberOption('train', 'lr', values.lr, D.learningRate, { above: 0, max: L.learningRate }),
    patience: intOption('train', 'patience', values.patience, D.patience, 1, L.patience),
    monitor: choiceOption('train', 'monitor', values.monitor, MONITORS, D.monitor),
    seed: intOption('train', 'seed', values.seed, D.seed, 0, L.seed),
    // Only when given: a run without them stores the same settings as before they existed.
    ...(values['evaluate-every'] === undefined ? {} : { evaluateEveryBatches: intOption('train', 'evaluate-every', values['evaluate-every'], 1, 1, L.evaluateEveryBatches) }),
    ...(values['stop-at-train-accuracy'] === undefined ? {} : { stopAtTrainAccuracy: numberOption('train', 'stop-at-train-accuracy', values['stop-at-train-accuracy'], 1, { above: 0, max: 1 }) }),
  };
  const data = requiredOption('train', 'data', values.data);
  return { help: false, out, json, options: { data, out, model, training, backend } };
}
