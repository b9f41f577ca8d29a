import { z } from 'zod';
import { BACKEND_CHOICES, BACKEND_NAMES, CHOSEN_BY, type BackendChoice, type BackendName } from '../../model/backend/types.js';
import { ATTENTION_KINDS, ATTENTION_VARIANTS, CELL_KINDS } from '../../model/types.js';
import { count, entryName } from './common.js';

const backendName = z.enum(BACKEND_NAMES as [BackendName, ...BackendName[]]);
export const backendChoice = z.enum(BACKEND_CHOICES as [BackendChoice, ...BackendChoice[]]);
const monitor = z.enum(['val_loss', 'val_accuracy']);
const rate = z.number().min(0).max(1);

/** The model a user chooses (src/model/types.ts ModelSpec); ranges are checked again by the core. */
export const modelSpec = z.strictObject({
  cell: z.enum(CELL_KINDS),
  attention: z.enum(ATTENTION_KINDS),
  variant: z.enum(ATTENTION_VARIANTS),
  hidden: z.number().int().min(1).max(4096),
  attentionDim: z.number().int().min(1).max(4096),
  hops: z.number().int().min(1).max(1024),
  inputDropout: rate,
  hiddenDropout: rate,
});

/** src/jobs/types.ts TrainOptions. */
export const trainOptions = z.strictObject({
  epochs: z.number().int().min(1).max(100_000),
  batchSize: z.number().int().min(1).max(1_000_000),
  learningRate: z.number().gt(0).max(10),
  epsilon: z.number().gt(0).max(1),
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  patience: z.number().int().min(0).max(100_000),
  monitor,
  validationFraction: z.number().min(0).lt(1),
  /** Null or absent: once per epoch. */
  evaluateEveryBatches: z.number().int().min(1).max(1_000_000).nullable().optional(),
  /** Null or absent: never. */
  stopAtTrainAccuracy: z.number().gt(0).max(1).nullable().optional(),
});

export const modelConfig = modelSpec.extend({ inputSize: count, classes: count });

export const startRequest = z.strictObject({
  dataset: entryName,
  /** The new run's name (its folder under runs/). */
  name: entryName,
  model: modelSpec.partial().optional(),
  training: trainOptions.partial().optional(),
  backend: backendChoice.optional(),
});

export const resumeRequest = z.strictObject({ run: entryName, backend: backendChoice.optional() });

/** src/model/backend/types.ts BackendReport: the backend chosen, and why each faster one was not. */
export const backendReport = z.strictObject({
  backend: backendName,
  requested: backendChoice,
  tfBackend: z.string(),
  reason: z.string(),
  skipped: z.array(z.strictObject({ name: backendName, why: z.string() })),
  chosenBy: z.enum(CHOSEN_BY).optional(),
  /** `auto` with a model: one training step timed on each usable backend (msPerStep null: stopped after the warm-up). */
  timings: z.array(z.strictObject({ name: backendName, msPerStep: z.number().min(0).nullable(), warmupMs: z.number().min(0) })).optional(),
  measuredAt: z.string().optional(),
});

export const batchProgress = z.strictObject({
  epoch: count, batch: count, batches: count, loss: z.number(), accuracy: z.number(), etaSeconds: z.number().min(0),
});

export const epochMetrics = z.strictObject({
  epoch: count, trainLoss: z.number(), trainAccuracy: z.number(), valLoss: z.number(), valAccuracy: z.number(),
  improved: z.boolean(), bestEpoch: count, seconds: z.number(), etaSeconds: z.number(), liveTensors: count,
});

export const trainStart = z.strictObject({
  runDir: z.string(), resumedFromEpoch: count, epochs: count, batchesPerEpoch: count, trainSamples: count,
  validationSamples: count, validationSource: z.enum(['dataset', 'carved']), testSamples: count,
  classes: z.array(z.string()), classWeights: z.array(z.number()), model: modelConfig,
});

/** A training run's events (src/jobs/types.ts TrainEvents), as the curves need them. */
export const trainEvent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('backend'), payload: backendReport }),
  z.strictObject({ kind: z.literal('started'), payload: trainStart }),
  z.strictObject({ kind: z.literal('batch'), payload: batchProgress }),
  z.strictObject({ kind: z.literal('epoch'), payload: epochMetrics }),
  z.strictObject({ kind: z.literal('checkpoint'), payload: z.strictObject({ epoch: count, dir: z.string() }) }),
]);

export const runStatus = z.enum(['finished', 'stopped', 'running']);

/** One run of the runs table. */
export const runRow = z.strictObject({
  name: z.string(),
  path: z.string(),
  problem: z.string().optional(),
  dataset: z.string().optional(),
  model: modelConfig.optional(),
  training: trainOptions.optional(),
  status: runStatus.optional(),
  bestEpoch: count.optional(),
  epochs: count.optional(),
  valAccuracy: z.number().optional(),
  testAccuracy: z.number().optional(),
  backend: z.string().optional(),
  wallSeconds: z.number().optional(),
  /** Saliency results of the run (part 2 reads them). */
  results: z.array(z.strictObject({
    name: z.string(), path: z.string(), problem: z.string().optional(), method: z.string().optional(),
    tsr: z.boolean().optional(), samples: count.optional(), maskedAccuracy: z.unknown().optional(),
  })),
});

/** A run opened: its settings, every epoch so far, and (finished) the test confusion matrix. */
export const runDetails = z.strictObject({
  name: z.string(),
  status: runStatus,
  dataset: z.string(),
  model: modelConfig,
  training: trainOptions,
  backend: z.string(),
  classes: z.array(z.string()),
  metrics: z.array(epochMetrics),
  summary: z.strictObject({
    epochs: count, bestEpoch: count, stoppedEarly: z.boolean(), valAccuracy: z.number(), testAccuracy: z.number(),
    confusion: z.array(z.array(count)), wallSeconds: z.number(), resumes: count, backendReason: z.string(),
  }).nullable(),
});

export const runRequest = z.strictObject({ run: entryName });
