import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { UsageError } from '../../errors.js';
import { BACKEND_CHOICES, formatBackendReport, selectBackend, type BackendChoice } from '../../model/backend/index.js';
import { ensurePaperDataset, paperTraining, reproduceCell, type ReproduceSettings } from '../../paper/reproduce.js';
import { formatTableMarkdown, formatTableTsv, type PaperRow } from '../../paper/table-format.js';
import { PAPER_DATASETS, PAPER_MODELS, type PaperDataset } from '../../paper/table1.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { isCancelled } from '../../util/cancel.js';
import { choiceOption, intOption, parseCommand, requiredOption } from '../args.js';
import { cancelOnInterrupt } from '../interrupt.js';
import type { CliIO } from '../io.js';
import { createProgress } from '../progress.js';

/** Full run: the paper's data sizes; `--quick`: a reduced run fit for CI. */
const FULL = { epochs: 30, patience: 10, tsrSamples: 100, limit: null };
const QUICK = { epochs: 2, patience: 2, tsrSamples: 8, limit: { train: 120, test: 40 } };

export const reproducePaperHelp = `Usage: saliency-studio reproduce-paper --out <dir> [--datasets a,b,…] [--quick] [options]

Reproduces Table 1 of Ismail et al. (NeurIPS 2019): for each synthetic dataset, trains an LSTM
and an LSTM with input-cell attention with the official defaults (hidden 5, d_a 50, r 20,
dropout 0.1, Adam 1e-3, batch 50), computes gradient saliency (|∂p_c/∂x|, c the true class)
on the test split, and scores it against the planted boxes (weighted Jaccard, Euclidean
distance), beside the paper's values; TSR columns rescale the same gradients with temporal
saliency rescaling (time pass only) on the first test samples. Writes <dir>/table.tsv, and
keeps every dataset, run and saliency result under <dir>/<dataset>/; running again with the
same settings reuses finished runs and resumes interrupted ones. Data or runs stored with other
settings (a --quick run's, other epochs or seed) are refused, naming each setting that differs:
add --force to start over, or choose another --out.

Options:
  --datasets a,b    some of ${PAPER_DATASETS.join(', ')} (default all)
  --quick           ${QUICK.limit.train} training / ${QUICK.limit.test} test samples per dataset, ${QUICK.epochs} epochs, TSR on ${QUICK.tsrSamples}: checks the pipeline, not the science
  --epochs N        most epochs per model (default ${FULL.epochs}; early stopping on validation loss)
  --patience N      epochs without a lower validation loss before stopping (default ${FULL.patience})
  --tsr-samples N   test samples for the TSR columns (default ${FULL.tsrSamples})
  --seed N          seed of the datasets and of training (default 0)
  --batch N         model inputs per saliency pass (default 100)
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
  const preset = values.quick ? QUICK : FULL;
  const out = path.resolve(requiredOption(cmd, 'out', values.out));
  const seed = intOption(cmd, 'seed', values.seed, 0, 0);
  const backend = await selectBackend(choiceOption<BackendChoice>(cmd, 'backend', values.backend, BACKEND_CHOICES, 'auto'));
  io.err.write(`${formatBackendReport(backend)}\n`);
  const settings: ReproduceSettings = {
    out, seed, backend, datasets: parseDatasets(values.datasets),
    training: paperTraining(intOption(cmd, 'epochs', values.epochs, preset.epochs), intOption(cmd, 'patience', values.patience, preset.patience), seed),
    sampleLimit: preset.limit, tsrSamples: intOption(cmd, 'tsr-samples', values['tsr-samples'], preset.tsrSamples), batchSize: intOption(cmd, 'batch', values.batch, 100),
    force: values.force === true,
  };
  await mkdir(out, { recursive: true });
  const { signal, stop } = cancelOnInterrupt(io.err, 'stopping at the next batch; run the same command again to resume');
  const start = performance.now();
  const rows: PaperRow[] = [];
  try {
    const reporter = { stage: (label: string) => createProgress(label, io.err), signal };
    for (const dataset of settings.datasets) {
      const dataDir = await ensurePaperDataset(dataset, settings, reporter);
      for (const model of PAPER_MODELS) {
        rows.push(await reproduceCell(dataset, dataDir, model, settings, reporter));
        await writeFileAtomic(path.join(out, 'table.tsv'), formatTableTsv(rows));
      }
    }
  } catch (err) {
    if (isCancelled(err)) return 130;
    throw err;
  } finally {
    stop();
  }
  const minutes = (performance.now() - start) / 60000;
  io.out(`${formatTableMarkdown(rows)}\n${rows.length} rows in ${minutes.toFixed(1)} min; table written to ${path.join(out, 'table.tsv')}\n`);
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
