import * as tf from '@tensorflow/tfjs-core';
import { performance } from 'node:perf_hooks';
import { importPackage } from '../model/backend/loader.js';
import type { BackendProbe } from '../model/backend/probe.js';
import { selectBackend } from '../model/backend/select.js';
import { createClassifier } from '../model/classifier.js';
import type { BackendChoice, BackendReport } from '../model/backend/types.js';
import type { SequenceClassifier } from '../model/types.js';
import { withFolderLock } from '../util/folder-lock.js';
import { Adam } from './adam.js';
import { trainingProbe } from './backend-probe.js';
import { chunk, epochOrder, type SampleTable } from './batches.js';
import { bestBatchDir, checkpointDir, writeBestBatch, writeCheckpoint, type CheckpointState } from './checkpoint.js';
import { classWeights } from './class-weights.js';
import { INITIAL_STOPPING, monitoredScore, updateStopping } from './early-stopping.js';
import { TrainingCancelled, TrainingError } from './errors.js';
import { evaluate, type Evaluation } from './evaluate.js';
import type { CreateModel } from './model-factory.js';
import { readModelDir, writeModelDir } from './model-dir.js';
import { appendMetrics, replaceDir, runPath, writeRunConfig, writeSummary } from './run-dir.js';
import { newRunConfig, openRun, type OpenRun } from './run-setup.js';
import { subSeed } from '../util/seeds.js';
import { STREAM } from './seeds.js';
import { trainingSplits, type TrainingSplits } from './splits.js';
import { trainStepAsync } from './train-step.js';
import { readWeightsAsync } from '../model/weights.js';
import type { EpochMetrics, StopReason, TrainEvent, TrainOptions, TrainRequest, TrainSummary } from './types.js';

/** How the caller hears about and steers a run. */
export interface TrainHooks {
  onEvent?(event: TrainEvent): void;
  /** Checked before every batch: aborting stops the run there with TrainingCancelled, keeping the last checkpoint. */
  signal?: AbortSignal;
}

/** Replaceable parts, for tests and for hosts with other models or backends. */
export interface EngineDeps {
  createModel?: CreateModel;
  /** Under `auto`, `probe` is the run's model and batch, for timing one step on each backend. */
  selectBackend?: (choice: BackendChoice, probe?: BackendProbe) => Promise<BackendReport>;
  /** Validation during training (checkpoint selection and early stopping); not the final test evaluation. */
  evaluate?: typeof evaluate;
}

/**
 * An optional model capability: given a fresh seed per epoch, a model's dropout masks depend
 * only on (seed, epoch), so a resumed run continues exactly as an uninterrupted one would.
 */
interface ReseedsDropout {
  reseedDropout?(seed: number): void;
}

/** Validation and test are evaluated in chunks of this many samples (memory, not results). */
const EVAL_CHUNK = 256;

/**
 * Trains a model as the request says, in this thread, writing the run directory as it goes
 * (config.json, metrics.jsonl, checkpoints/, then best/, final/ and summary.json). Resolves
 * with the summary when it completes; cancelled (`hooks.signal`), it throws TrainingCancelled
 * and, like a kill at any point, leaves a run resumable from its last checkpoint.
 */
export async function runTraining(request: TrainRequest, hooks: TrainHooks = {}, deps: EngineDeps = {}): Promise<TrainSummary> {
  // Held from opening the run until its outcome is written: a second writer (process, worker or call) is refused.
  return withFolderLock(request.runDir, request.resume ? 'train --resume' : 'train', () => trainRun(request, hooks, deps));
}

async function trainRun(request: TrainRequest, hooks: TrainHooks, deps: EngineDeps): Promise<TrainSummary> {
  const emit = hooks.onEvent ?? (() => {});
  const run = await openRun(request);
  if (run.finished) return run.finished;

  const create = deps.createModel ?? createClassifier;
  // A resumed auto run re-selects the same way: the timing cache gives the same shape the same choice on this machine.
  const probe = trainingProbe(run.model, { batchSize: firstBatchSize(run), window: run.dataset.window }, create, run.training.seed);
  const backend = await (deps.selectBackend ?? ((choice, p) => selectBackend(choice, importPackage, p)))(run.backend, probe);
  emit({ kind: 'backend', payload: backend });
  const model = create(run.model, run.training.seed);
  const adam = new Adam(model.variables, { learningRate: run.training.learningRate, beta1: 0.9, beta2: 0.999, epsilon: run.training.epsilon });
  try {
    if (!run.stored) await writeRunConfig(run.runDir, newRunConfig(run, backend, run.backend));
    if (run.checkpoint) {
      model.setWeights(run.checkpoint.model.weights);
      adam.setState(run.checkpoint.optimizer);
    }
    return await trainLoop(run, model, adam, backend, request, hooks, emit, deps.evaluate ?? evaluate);
  } finally {
    adam.dispose();
    model.dispose();
  }
}

async function trainLoop(run: OpenRun, model: SequenceClassifier, adam: Adam, backend: BackendReport, request: TrainRequest, hooks: TrainHooks, emit: (e: TrainEvent) => void, validate: typeof evaluate): Promise<TrainSummary> {
  const { dataset, training } = run;
  const table: SampleTable = { data: dataset.data, window: dataset.window, features: dataset.regions.length, labels: dataset.samples.map((s) => s.label), classes: dataset.classes.length };
  const splits = trainingSplits(dataset.samples, training.seed, training.validationFraction);
  if (splits.validation.length === 0) {
    throw new TrainingError('DATA_VALIDATION', run.dataDir, 'training samples', splits.train.length, 'at least two, so that one can be held out for validation');
  }
  const weights = classWeights(splits.train.map((i) => table.labels[i]), dataset.classes, run.dataDir);
  const batchesPerEpoch = Math.ceil(splits.train.length / training.batchSize);
  const cp = run.checkpoint?.state;
  const state: CheckpointState = {
    epoch: cp?.epoch ?? 0,
    stopping: cp?.stopping ?? INITIAL_STOPPING,
    stopped: cp?.stopped ?? false,
    elapsedSeconds: cp?.elapsedSeconds ?? 0,
    resumes: (cp?.resumes ?? 0) + (request.resume ? 1 : 0),
  };
  emit({
    kind: 'started',
    payload: {
      resumedFromEpoch: state.epoch, epochs: training.epochs, batchesPerEpoch,
      trainSamples: splits.train.length, validationSamples: splits.validation.length, validationSource: splits.validationSource,
      testSamples: splits.test.length, classes: dataset.classes, classWeights: weights, model: run.model,
    },
  });

  const sessionStart = performance.now();
  // Time of earlier sessions (from the checkpoint) plus this one's so far; fixed at the start so it is not counted twice.
  const earlierSeconds = state.elapsedSeconds;
  const elapsed = () => earlierSeconds + (performance.now() - sessionStart) / 1000;
  let sessionBatches = 0;
  // Evaluation every k batches (the paper's rule): each evaluation is scored for the best
  // checkpoint and for patience; checkpoints stay at epoch ends, so resuming stays exact
  // (evaluation has no randomness, so a redone epoch repeats its evaluations).
  const every = training.evaluateEveryBatches ?? null;
  while (!state.stopped && state.epoch < training.epochs) {
    const epoch = state.epoch + 1;
    const epochStart = performance.now();
    (model as SequenceClassifier & ReseedsDropout).reseedDropout?.(subSeed(training.seed, STREAM.dropout, epoch));
    const batches = chunk(epochOrder(splits.train, training.seed, epoch), training.batchSize);
    let lossSum = 0;
    let weightSum = 0;
    let correct = 0;
    let seen = 0;
    let improved = false;
    let patienceSpent = false;
    let trained = 0;
    let lastEval: { batch: number; val: Evaluation } | null = null;
    for (const [b, indices] of batches.entries()) {
      // Yielding lets a cancel message (or any host message) in before the next step.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (hooks.signal?.aborted) throw new TrainingCancelled(state.epoch, { cause: hooks.signal.reason });
      const step = await trainStepAsync(model, adam, table, indices, weights);
      if (!Number.isFinite(step.loss)) {
        throw new TrainingError('TRAIN_DIVERGED', run.runDir, `loss at epoch ${epoch}, batch ${b + 1}`, step.loss, 'a finite loss (try a lower --lr)');
      }
      lossSum += step.loss * step.weightSum;
      weightSum += step.weightSum;
      correct += step.correct;
      seen += indices.length;
      sessionBatches++;
      const remaining = (training.epochs - epoch) * batchesPerEpoch + (batches.length - b - 1);
      emit({
        kind: 'batch',
        payload: { epoch, batch: b + 1, batches: batches.length, loss: lossSum / weightSum, accuracy: correct / seen, etaSeconds: eta(sessionStart, sessionBatches, remaining) },
      });
      trained = b + 1;
      const runBatch = (epoch - 1) * batchesPerEpoch + trained;
      if (every !== null && runBatch % every === 0) {
        const val = await validate(model, table, splits.validation, weights, EVAL_CHUNK);
        lastEval = { batch: b + 1, val };
        const update = updateStopping(state.stopping, epoch, monitoredScore(training.monitor, val), training.patience, runBatch);
        state.stopping = update.state;
        if (update.improved) await writeBestBatch(run.runDir, runBatch, await savedModel(run, model, epoch));
        improved ||= update.improved;
        // Patience spent: the run stops here, mid-epoch; its last checkpoint is marked stopped, so it never trains on.
        if (update.stop) {
          patienceSpent = true;
          break;
        }
      }
    }
    let val: Evaluation;
    if (every === null) {
      val = await validate(model, table, splits.validation, weights, EVAL_CHUNK);
      const update = updateStopping(state.stopping, epoch, monitoredScore(training.monitor, val), training.patience);
      state.stopping = update.state;
      improved = update.improved;
      patienceSpent = update.stop;
    } else {
      // For the epoch's metrics only: the epoch's last evaluation when it ended on one, else one more (not scored).
      val = lastEval !== null && lastEval.batch === trained ? lastEval.val : await validate(model, table, splits.validation, weights, EVAL_CHUNK);
    }
    // At the epoch's end rather than at an evaluation: the running accuracy over a few batches is noisy, and the paper's code checks each epoch's.
    const trainAccuracyReached = training.stopAtTrainAccuracy != null && correct / seen >= training.stopAtTrainAccuracy;
    const stopped = patienceSpent || trainAccuracyReached || epoch >= training.epochs;
    // No evaluation scored yet: no best, and none that failed (a NaN one counts in sinceBest).
    if (every !== null && stopped && state.stopping.bestEpoch === 0 && state.stopping.sinceBest === 0) {
      // A run that ends before its first scheduled evaluation (fewer batches than evaluateEveryBatches)
      // scores its last one instead, so it has a best model rather than none.
      const runBatch = (epoch - 1) * batchesPerEpoch + trained;
      const update = updateStopping(state.stopping, epoch, monitoredScore(training.monitor, val), training.patience, runBatch);
      state.stopping = update.state;
      if (update.improved) await writeBestBatch(run.runDir, runBatch, await savedModel(run, model, epoch));
      improved ||= update.improved;
    }
    Object.assign(state, { epoch, stopped, elapsedSeconds: elapsed() });
    const metrics: EpochMetrics = {
      epoch, trainLoss: lossSum / weightSum, trainAccuracy: correct / seen, valLoss: val.loss, valAccuracy: val.accuracy,
      improved, bestEpoch: state.stopping.bestEpoch, seconds: (performance.now() - epochStart) / 1000,
      etaSeconds: eta(sessionStart, sessionBatches, (training.epochs - epoch) * batchesPerEpoch),
      // Counted once, after validation, so metrics.jsonl and the event record the same number.
      liveTensors: tf.memory().numTensors,
    };
    await appendMetrics(run.runDir, metrics);
    const dir = await writeCheckpoint(run.runDir, {
      state: { ...state, stopping: { ...state.stopping } },
      model: await savedModel(run, model, epoch),
      optimizer: await adam.getState(),
    });
    emit({ kind: 'epoch', payload: metrics });
    emit({ kind: 'checkpoint', payload: { epoch, dir } });
  }
  return finish(run, model, splits, weights, state, backend);
}

/**
 * The end of a run: final/ gets the last weights, best/ the best checkpoint's, which are then
 * evaluated once on the test split; summary.json is written last, marking the run complete.
 */
async function finish(run: OpenRun, model: SequenceClassifier, splits: TrainingSplits, weights: number[], state: CheckpointState, backend: BackendReport): Promise<TrainSummary> {
  const { dataset, training } = run;
  const { bestEpoch } = state.stopping;
  if (bestEpoch === 0) {
    const when = training.evaluateEveryBatches == null ? 'epoch' : 'evaluation';
    throw new TrainingError('TRAIN_NO_BEST', run.runDir, 'validation loss', `NaN at every ${when}`, `a finite validation loss at some ${when}`);
  }
  const final = await savedModel(run, model, state.epoch);
  await replaceDir(runPath(run.runDir, 'final'), (dir) => writeModelDir(dir, final));
  const { bestBatch } = state.stopping;
  const best = await readModelDir(bestBatch === undefined ? checkpointDir(run.runDir, bestEpoch) : bestBatchDir(run.runDir, bestBatch));
  model.setWeights(best.weights);
  await replaceDir(runPath(run.runDir, 'best'), (dir) => writeModelDir(dir, best));
  const table: SampleTable = { data: dataset.data, window: dataset.window, features: dataset.regions.length, labels: dataset.samples.map((s) => s.label), classes: dataset.classes.length };
  const val = await evaluate(model, table, splits.validation, weights, EVAL_CHUNK);
  const test = await evaluate(model, table, splits.test, weights, EVAL_CHUNK);
  const summary: TrainSummary = {
    format: 'saliency-studio-run-summary', version: 1,
    model: run.model.cell, attention: run.model.attention, variant: run.model.variant, hidden: run.model.hidden, modelConfig: run.model,
    backend: backend.backend, backendReason: backend.reason,
    epochs: state.epoch, maxEpochs: training.epochs, bestEpoch, stoppedEarly: state.epoch < training.epochs, stopReason: stopReason(training, state), monitor: training.monitor,
    valLoss: val.loss, valAccuracy: val.accuracy, testAccuracy: test.accuracy, confusion: test.confusion,
    classes: dataset.classes, classWeights: weights,
    trainSamples: splits.train.length, validationSamples: splits.validation.length, validationSource: splits.validationSource, testSamples: splits.test.length,
    seed: training.seed, dataset: run.dataDir, wallSeconds: state.elapsedSeconds, resumes: state.resumes,
  };
  await writeSummary(run.runDir, summary);
  return summary;
}

async function savedModel(run: OpenRun, model: SequenceClassifier, epoch: number) {
  // Read asynchronously: GPU backends (webgpu) cannot read variables synchronously in Node.
  return { config: run.model, weights: await readWeightsAsync(model.variables), classes: run.dataset.classes, regions: run.dataset.regions.map((r) => r.name), epoch };
}

/** The size of the run's batches, as timed by `auto`: the batch size, or all training samples when fewer. */
function firstBatchSize(run: OpenRun): number {
  const train = run.dataset.samples.filter((s) => s.split === 'train').length;
  return Math.max(1, Math.min(run.training.batchSize, train));
}

/** Seconds left at this session's pace so far (validation and checkpoints included). */
function eta(sessionStart: number, batchesDone: number, batchesLeft: number): number {
  return batchesDone > 0 ? (((performance.now() - sessionStart) / 1000) * batchesLeft) / batchesDone : 0;
}

/** Why the run ended before its last epoch (null when it did not): patience is checked first, as the loop does. */
function stopReason(training: TrainOptions, state: { epoch: number; stopping: { sinceBest: number } }): StopReason | null {
  if (state.epoch >= training.epochs) return null;
  if (state.stopping.sinceBest >= training.patience) {
    return { kind: 'patience', without: state.stopping.sinceBest, unit: training.evaluateEveryBatches == null ? 'epoch' : 'evaluation' };
  }
  return { kind: 'train-accuracy', target: training.stopAtTrainAccuracy ?? 1 };
}
