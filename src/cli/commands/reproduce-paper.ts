import { REPRODUCE_DEFAULTS, reproducePaper, type ReproducePaperOptions } from '../../app/reproduce-paper.js';
import { UsageError } from '../../errors.js';
import { TRAIN_LIMITS } from '../../jobs/options.js';
import { BACKEND_CHOICES, formatBackendReport, type BackendChoice } from '../../model/backend/index.js';
import { PAPER_DATASETS, type PaperDataset } from '../../paper/table1.js';
import { choiceOption, intOption, parseCommand, requiredOption } from '../args.js';
import type { CliIO } from '../io.js';
import { formatReproduceSummary, reproducePhaseTitle } from '../format/paper.js';
import { runResumable } from '../run-resumable.js';

/** Full run: the paper's data sizes; `--quick`: a reduced run fit for CI. */
const { full: FULL, quick: QUICK } = REPRODUCE_DEFAULTS.presets;

export const reproducePaperHelp = `Usage: saliency-studio reproduce-paper --out <dir> [--datasets a,b,…] [--quick] [options]

Reproduces Table 1 of Ismail et al. (NeurIPS 2019): for each synthetic dataset, trains an LSTM
and an LSTM with input-cell attention with the official defaults (hidden 5, d_a 50, r 20,
dropout 0.1, Adam 1e-3, batch 50) and the official training rule (up to ${FULL.epochs} epochs — the official code's 400 with
--epochs 400 —, validation
accuracy every 10 batches for the LSTM and every 3 with input-cell attention, the first best
kept, stopping once an epoch's training accuracy reaches 100 %; no patience), computes gradient
saliency (|∂p_c/∂x|, c the true class) on the test split, and scores it against the planted
boxes (weighted Jaccard, Euclidean distance), beside the paper's values; TSR columns rescale
the same gradients with temporal saliency rescaling (time pass only) on the first test samples.
Writes <dir>/table.tsv, and keeps every dataset, run and saliency result under <dir>/<dataset>/;
running again with the same settings reuses finished runs and resumes interrupted ones. Data or
runs stored with other settings (a --quick run's, other epochs or seed, runs made before the
paper's rule) are refused, naming each setting that differs: add --force to start over, or
choose another --out.

Options:
  --datasets a,b    some of ${PAPER_DATASETS.join(', ')} (default all)
  --quick           ${QUICK.sampleLimit.train} training / ${QUICK.sampleLimit.test} test samples per dataset, ${QUICK.epochs} epochs validated once each
                    (patience ${QUICK.patience}), TSR on ${QUICK.tsrSamples}: checks the pipeline, not the science
  --epochs N        most epochs per model (default ${FULL.epochs}; --quick ${QUICK.epochs})
  --patience N      stop after N validations without a better accuracy (validations every 10 / 3
                    batches; with --quick, epochs); default none (--quick ${QUICK.patience}), as the paper
  --tsr-samples N   test samples for the TSR columns (default ${FULL.tsrSamples})
  --seed N          seed of the datasets and of training (default ${REPRODUCE_DEFAULTS.seed})
  --batch N         model inputs per saliency pass (default ${REPRODUCE_DEFAULTS.batchSize})
  --backend B       ${BACKEND_CHOICES.join(' | ')} (default auto)
  --force           regenerate the asked datasets and retrain their runs, whatever <dir> holds
  --out <dir>       where everything goes
`;

export async function reproducePaperCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommand('reproduce-paper', argv, {
    datasets: { type: 'string' }, quick: { type: 'boolean' }, epochs: { type: 'string' }, patience: { type: 'string' },
    'tsr-samples': { type: 'string' }, seed: { type: 'string' }, batch: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' },
  });
  if (values.help) {
    io.out(reproducePaperHelp);
    return 0;
  }
  const cmd = 'reproduce-paper';
  const quick = values.quick === true;
  const preset = quick ? QUICK : FULL;
  const options: ReproducePaperOptions = {
    out: requiredOption(cmd, 'out', values.out),
    seed: intOption(cmd, 'seed', values.seed, REPRODUCE_DEFAULTS.seed, 0),
    backend: choiceOption<BackendChoice>(cmd, 'backend', values.backend, BACKEND_CHOICES, REPRODUCE_DEFAULTS.backend),
    datasets: parseDatasets(values.datasets),
    quick,
    epochs: intOption(cmd, 'epochs', values.epochs, preset.epochs, 1, TRAIN_LIMITS.epochs),
    ...(values.patience === undefined ? {} : { patience: intOption(cmd, 'patience', values.patience, 1, 1, TRAIN_LIMITS.patience) }),
    tsrSamples: intOption(cmd, 'tsr-samples', values['tsr-samples'], preset.tsrSamples),
    batchSize: intOption(cmd, 'batch', values.batch, REPRODUCE_DEFAULTS.batchSize),
    force: values.force === true,
  };
  const result = await runResumable(io.err, reproducePhaseTitle, (ctx) => reproducePaper(options, {
    ...ctx,
    onBackend: (report) => io.err.write(`${formatBackendReport(report)}\n`),
  }));
  if (result === null) return 130;
  io.out(formatReproduceSummary(result));
  return 0;
}

function parseDatasets(value: string | undefined): PaperDataset[] {
  if (value === undefined) return [...PAPER_DATASETS];
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const n of names) {
    if (!(PAPER_DATASETS as readonly string[]).includes(n)) throw new UsageError('CLI_ARGS', 'reproduce-paper', '--datasets', n, `names from ${PAPER_DATASETS.join(', ')}`);
  }
  if (names.length === 0) throw new UsageError('CLI_ARGS', 'reproduce-paper', '--datasets', value, 'at least one dataset name');
  return names as PaperDataset[];
}
