import { rm } from 'node:fs/promises';
import path from 'node:path';
import { phaseReporter, type OperationContext } from '../app/context.js';
import { explain } from '../app/explain.js';
import { paperLayout } from '../app/layout.js';
import { StudyError } from '../errors.js';
import { ensureTrained } from '../jobs/ensure-trained.js';
import { TRAIN_LIMITS } from '../jobs/options.js';
import { DEFAULT_TRAIN_OPTIONS, type TrainOptions } from '../jobs/types.js';
import type { BackendReport } from '../model/backend/types.js';
import { DEFAULT_MODEL_CONFIG } from '../model/types.js';
import type { GroundTruthScores } from '../saliency/ground-truth.js';
import { generateSynth, readSynthSettings, synthSpec, writeSynth, SYNTH_JSON } from '../synth/index.js';
import { diffSettings } from '../util/settings-diff.js';
import { subsetSynth } from './subset.js';
import type { PaperRow } from './table-format.js';
import { PAPER_MODELS, type PaperDataset, type PaperModel } from './table1.js';
import { PAPER_TRAINING_RULE } from './training-rule.js';

/** How much of the paper's experiment to run. */
export interface ReproduceSettings {
  out: string;
  datasets: readonly PaperDataset[];
  seed: number;
  /** How each model is trained (the paper's rule evaluates the two models at different intervals). */
  training: Record<PaperModel, TrainOptions>;
  /** Reduce each dataset to this many training and test samples (the quick run); null keeps all. */
  sampleLimit: { train: number; test: number } | null;
  /** Test samples the TSR columns are computed on (TSR costs T maps per sample). */
  tsrSamples: number;
  /** Model inputs per saliency pass. */
  batchSize: number;
  backend: BackendReport;
  /** Start over: regenerate each dataset and retrain each run, whatever is stored under `out`. */
  force: boolean;
}

/**
 * The phases reproducing reports through `ctx.onProgress`: `generate` (item: the dataset), then
 * per cell `train`, `saliency` and `saliency-tsr` (item: `<dataset>/<model>`, its run folder).
 */
export const REPRODUCE_PHASES = ['generate', 'train', 'saliency', 'saliency-tsr'] as const;
export type ReproducePhase = (typeof REPRODUCE_PHASES)[number];

/** The item of a cell's progress events: `<dataset>/<model>`. */
export function cellItem(dataset: PaperDataset, model: PaperModel): string {
  return `${dataset}/${model}`;
}

const MODEL_SPEC: Record<PaperModel, { attention: 'none' | 'input-cell' }> = { lstm: { attention: 'none' }, 'lstm+input-cell': { attention: 'input-cell' } };

/**
 * One (dataset, model) cell of Table 1, on the data `ensurePaperDataset` wrote: the model
 * trained with the official defaults (`s.training[model]`) under out/<dataset>/<model> (a finished run of the same
 * settings is reused, an interrupted one resumed, one of other settings refused), gradient
 * saliency of the true class on the test split scored against the boxes, and the same with TSR
 * (time pass only) on the first test samples. Cancelled (`ctx.signal`: at the next batch), it
 * throws Cancelled; a saliency result is written only once complete, a training run stays
 * resumable. Progress: phases `train`, `saliency`, `saliency-tsr` with item `<dataset>/<model>`.
 */
export async function reproduceCell(dataset: PaperDataset, dataDir: string, model: PaperModel, s: ReproduceSettings, ctx: OperationContext = {}): Promise<PaperRow> {
  const runDir = paperLayout(s.out).run(dataset, model);
  const item = cellItem(dataset, model);
  const summary = await ensureTrained(
    { runDir, dataDir, model: { ...DEFAULT_MODEL_CONFIG, cell: 'lstm', ...MODEL_SPEC[model] }, training: s.training[model] },
    s.backend, { onProgress: phaseReporter(ctx, 'train', item), signal: ctx.signal }, { force: s.force },
  );
  const grad = await saliency(runDir, false, s, ctx, item);
  const tsr = await saliency(runDir, true, s, ctx, item);
  return {
    dataset, model, wjac: grad.wjac, euc: grad.euc, acc: 100 * summary.testAccuracy,
    tsrWjac: tsr.wjac, tsrEuc: tsr.euc, epochs: summary.epochs, trainSeconds: summary.wallSeconds,
    // Summaries written before stopReason existed could only stop on patience.
    stopReason: summary.stopReason !== undefined ? summary.stopReason : summary.stoppedEarly ? { kind: 'patience', without: summary.epochs - summary.bestEpoch, unit: 'epoch' } : null,
  };
}

/**
 * The dataset's folder, out/<dataset>/data: generated once per settings (seed and sample
 * counts, so a --quick run's reduced data is never taken for the full data), reused after.
 * Data of other settings is refused, naming each; `force` regenerates it. Progress: phase
 * `generate`, item the dataset (not reported when the stored data is reused).
 */
export async function ensurePaperDataset(name: PaperDataset, s: ReproduceSettings, ctx: OperationContext = {}): Promise<string> {
  const dir = paperLayout(s.out).data(name);
  if (s.force) await rm(dir, { recursive: true, force: true });
  const stored = await readSynthSettings(dir, 'or --force to start over');
  if (stored) {
    const diffs = diffSettings(stored, synthSettings(name, s));
    if (diffs.length === 0) return dir;
    throw new StudyError('SYNTH_SETTINGS', path.join(dir, SYNTH_JSON), 'settings', diffs.join('; '), 'the same settings (seed, --quick), or --force to start over, or another --out');
  }
  let synth = generateSynth(name, s.seed, phaseReporter(ctx, 'generate', name));
  if (s.sampleLimit) synth = subsetSynth(synth, s.sampleLimit.train, s.sampleLimit.test);
  await writeSynth(dir, synth);
  return dir;
}

/** What a paper dataset is generated from, as synth.json records it. */
function synthSettings(name: PaperDataset, s: ReproduceSettings) {
  const spec = synthSpec(name);
  // subsetSynth keeps everything when asked for more than there is.
  const limit = s.sampleLimit ?? spec;
  return { name, seed: s.seed, train: Math.min(limit.train, spec.train), test: Math.min(limit.test, spec.test) };
}

/**
 * Gradient saliency of the true class on the run's test split (with TSR's time pass, on the
 * first `tsrSamples` of them), stored in the run's saliency folder and scored against the boxes.
 */
async function saliency(runDir: string, tsr: boolean, s: ReproduceSettings, ctx: OperationContext, item: string): Promise<GroundTruthScores> {
  const progress = phaseReporter(ctx, tsr ? 'saliency-tsr' : 'saliency', item);
  const result = await explain(
    { run: runDir, tsr: tsr ? { featurePass: false } : false, batchSize: s.batchSize, backend: s.backend, ...(tsr ? { firstSamples: s.tsrSamples } : {}) },
    { signal: ctx.signal, onProgress: ({ done, total }) => progress(done, total) },
  );
  if (!result.groundTruth) throw new Error(`${result.index.dataset}: a synthetic dataset without ${SYNTH_JSON}`);
  return result.groundTruth;
}

/**
 * Patience that never runs out: the paper's rule has none (it stops on training accuracy or at
 * its last epoch), and TrainOptions needs a number. It is the most a run accepts, far more
 * evaluations than 400 epochs make (the input-cell model, every 3 of ~18 batches: ~2,400).
 */
export const NO_PATIENCE = TRAIN_LIMITS.patience;

/** What the paper's reproduction trains with, before the official defaults are filled in. */
export interface PaperTrainingChoice {
  /** Most epochs per model; absent: the rule's (400) or, without the rule, required. */
  epochs?: number;
  /** Evaluations (every k batches with the rule, else epochs) without improvement before stopping; absent: none. */
  patience?: number;
  seed: number;
  /**
   * The official code's rule (PAPER_TRAINING_RULE): validation every 10 batches (LSTM) or 3
   * (input-cell), stop once an epoch's training accuracy reaches 100 %. Off: once per epoch.
   */
  paperRule: boolean;
}

/**
 * Each model's training options: the official code's defaults (Adam 1e-3, batch 50), with, when
 * `paperRule`, its stopping rule per model. The official code keeps the first evaluation that
 * reaches its best *test* accuracy; we keep the first that reaches the best *validation*
 * accuracy, the same rule without touching test data. It matters: a model trained on to
 * saturation concentrates its gradients and scores a much lower weighted Jaccard than the early
 * checkpoint the paper's numbers come from.
 */
export function paperTraining(choice: PaperTrainingChoice): Record<PaperModel, TrainOptions> {
  const entries = PAPER_MODELS.map((model): [PaperModel, TrainOptions] => {
    const rule = choice.paperRule ? PAPER_TRAINING_RULE(MODEL_SPEC[model]) : null;
    const epochs = choice.epochs ?? rule?.epochs;
    if (epochs === undefined) throw new Error('paperTraining: epochs are required without the paper\'s rule');
    const base: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...rule, monitor: 'val_accuracy' };
    return [model, { ...base, epochs, patience: choice.patience ?? NO_PATIENCE, seed: choice.seed }];
  });
  return Object.fromEntries(entries) as Record<PaperModel, TrainOptions>;
}
