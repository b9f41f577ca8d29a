import type { BackendChoice, BackendReport } from '../model/backend/types.js';
import type { ModelConfig, ModelSpec } from '../model/types.js';
import type { Monitor } from './early-stopping.js';

/** How to train; everything that affects the weights, so it is stored in config.json. */
export interface TrainOptions {
  /** Maximum epochs; early stopping may end sooner. */
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Adam's ε; 1e-8 as in PyTorch (TF.js defaults to 1e-7). */
  epsilon: number;
  seed: number;
  /** Epochs without a better monitored score before stopping. */
  patience: number;
  /** What early stopping and the best checkpoint follow: validation loss (default) or accuracy. */
  monitor: Monitor;
  /** Share of each class's training samples held out when the dataset has no validation split. */
  validationFraction: number;
  /**
   * Evaluate on the validation split after every this many training batches (counted across
   * epochs, as the paper's code counts steps) instead of once per epoch; absent or null: once
   * per epoch. Each evaluation then counts for checkpoint selection and for `patience`.
   */
  evaluateEveryBatches?: number | null;
  /**
   * Stop at the end of the first epoch whose training accuracy (over that epoch's batches)
   * reaches this share, 0–1 (the paper stops at 1.0); absent or null: never.
   */
  stopAtTrainAccuracy?: number | null;
}

/** Why a run stopped early: its patience ran out (counted in epochs, or evaluations with evaluateEveryBatches), or its training accuracy reached stopAtTrainAccuracy. */
export type StopReason =
  | { kind: 'patience'; without: number; unit: 'epoch' | 'evaluation' }
  | { kind: 'train-accuracy'; target: number };

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  epochs: 100,
  batchSize: 50,
  learningRate: 1e-3,
  epsilon: 1e-8,
  seed: 0,
  patience: 10,
  monitor: 'val_loss',
  validationFraction: 0.1,
};

/** The model settings a user chooses (owned by the model, with its config). */
export type { ModelSpec };

/** A new run: everything needed to start training. */
export interface NewRunRequest {
  runDir: string;
  /** A dataset cache folder (dataset.json + dataset.f32). */
  dataDir: string;
  model: ModelSpec;
  training: TrainOptions;
  backend: BackendChoice;
  resume?: false;
}

/** Continues a run from its last checkpoint; its settings come from the run's config.json. */
export interface ResumeRunRequest {
  runDir: string;
  resume: true;
  /** Absent: the backend the run asked for when it started (config.json), so results match. */
  backend?: BackendChoice;
}

export type TrainRequest = NewRunRequest | ResumeRunRequest;

/** Sent once the data is loaded and the model built. */
export interface TrainStart {
  /** Last completed epoch of the checkpoint resumed from; 0 for a fresh start. */
  resumedFromEpoch: number;
  epochs: number;
  batchesPerEpoch: number;
  trainSamples: number;
  validationSamples: number;
  validationSource: 'dataset' | 'carved';
  testSamples: number;
  classes: string[];
  classWeights: number[];
  model: ModelConfig;
}

/** After each training step; loss and accuracy are running means over the epoch so far. */
export interface BatchProgress {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  accuracy: number;
  /** Until the last epoch at the current pace (early stopping may end sooner). */
  etaSeconds: number;
}

/** One line of metrics.jsonl, also streamed after each epoch. */
export interface EpochMetrics {
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** True when an evaluation in this epoch (its end, or every k batches) improved the monitored score (the best checkpoint is from it). */
  improved: boolean;
  bestEpoch: number;
  seconds: number;
  etaSeconds: number;
  /** Live tensors after the epoch: flat across epochs unless something leaks. */
  liveTensors: number;
}

/** What summary.json holds. */
export interface TrainSummary {
  format: 'saliency-studio-run-summary';
  version: 1;
  model: ModelConfig['cell'];
  attention: ModelConfig['attention'];
  variant: ModelConfig['variant'];
  hidden: number;
  modelConfig: ModelConfig;
  backend: BackendReport['backend'];
  backendReason: string;
  /** Epochs trained in all; the best one's weights are the model in best/. */
  epochs: number;
  maxEpochs: number;
  bestEpoch: number;
  stoppedEarly: boolean;
  /**
   * Why training ended before maxEpochs; null when it ran them all. Summaries written before it
   * was recorded lack it (they could only stop on patience, counted in epochs).
   */
  stopReason?: StopReason | null;
  /** What early stopping and the best epoch followed (the run's `--monitor`). */
  monitor: Monitor;
  valLoss: number;
  valAccuracy: number;
  /** On the test split, with the best weights: 0–1. */
  testAccuracy: number;
  /** confusion[true][predicted], counts over the test split. */
  confusion: number[][];
  classes: string[];
  classWeights: number[];
  trainSamples: number;
  validationSamples: number;
  validationSource: 'dataset' | 'carved';
  testSamples: number;
  seed: number;
  dataset: string;
  /** Training time summed over every session of the run, seconds. */
  wallSeconds: number;
  /** How many times the run was resumed. */
  resumes: number;
}

/** Events a run streams, by kind: one typed map that the worker protocol derives from. */
export interface TrainEvents {
  backend: BackendReport;
  started: TrainStart;
  batch: BatchProgress;
  epoch: EpochMetrics;
  checkpoint: { epoch: number; dir: string };
}

/** `{ kind, payload }` for each kind of a message map. */
export type Envelope<M> = { [K in keyof M]: { kind: K; payload: M[K] } }[keyof M];

export type TrainEvent = Envelope<TrainEvents>;
