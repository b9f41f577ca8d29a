import path from 'node:path';
import { BACKEND_CHOICES, type BackendChoice, type BackendReport } from '../model/backend/types.js';
import type { ModelConfig } from '../model/types.js';
import { readDatasetCache } from '../study/cache.js';
import type { Dataset } from '../study/dataset.js';
import { nested, num, oneOf, record, str, strings, type Fail } from '../util/check.js';
import { refuseLockedFolder } from '../util/folder-lock.js';
import { resolveStoredPath } from '../util/stored-path.js';
import { readLatestCheckpoint, type Checkpoint } from './checkpoint.js';
import { TrainingError } from './errors.js';
import { checkModelConfig } from '../model/config.js';
import { checkTrainOptions } from './options.js';
import { existingRunFiles, recoverReplacedDir, readRunJson, readSummary, runPath, truncateMetrics, type RunConfig } from './run-dir.js';
import type { TrainOptions, TrainRequest, TrainSummary } from './types.js';

/** A run ready to train: its settings, its data, and where it stands. */
export interface OpenRun {
  runDir: string;
  dataDir: string;
  dataset: Dataset;
  model: ModelConfig;
  training: TrainOptions;
  /** The backend to ask for in this session. */
  backend: BackendChoice;
  /** config.json as stored, for a resumed run; null for a new one (written once the backend is known). */
  stored: RunConfig | null;
  checkpoint: Checkpoint | null;
  /** summary.json of a run that already finished. */
  finished: TrainSummary | null;
}

/**
 * Opens a run directory: a new run refuses a folder that already holds a run (so nothing is
 * overwritten by accident); a resumed one reads config.json, checks its dataset is unchanged,
 * and loads the latest checkpoint, dropping metrics lines written after it.
 */
export async function openRun(request: TrainRequest): Promise<OpenRun> {
  const runDir = path.resolve(request.runDir);
  if (!request.resume) {
    await refuseExistingRun(runDir);
    const dataDir = path.resolve(request.dataDir);
    const dataset = await readDatasetCache(dataDir);
    checkDataset(dataset, dataDir);
    const model = { ...request.model, inputSize: dataset.regions.length, classes: dataset.classes.length };
    return { runDir, dataDir, dataset, model, training: request.training, backend: request.backend, stored: null, checkpoint: null, finished: null };
  }
  const stored = await readRunConfig(runDir);
  const dataset = await readDatasetCache(stored.dataset);
  const shape = { samples: dataset.samples.length, window: dataset.window, regions: dataset.regions.length };
  if (JSON.stringify(shape) !== JSON.stringify(stored.datasetShape) || dataset.classes.join('\n') !== stored.classes.join('\n')) {
    throw new TrainingError('RESUME_DATASET', stored.dataset, 'dataset', JSON.stringify({ ...shape, classes: dataset.classes }), `the dataset the run started with (${JSON.stringify({ ...stored.datasetShape, classes: stored.classes })}); it changed since`);
  }
  // Under the run's lock (runTraining): an interrupted best/final swap is undone before anything reads them.
  for (const dir of ['best', 'final'] as const) await recoverReplacedDir(runPath(runDir, dir));
  const finished = await readSummary(runDir);
  const checkpoint = finished ? null : await readLatestCheckpoint(runDir);
  if (!finished) await truncateMetrics(runDir, checkpoint?.state.epoch ?? 0);
  const backend = request.backend ?? stored.backend.requested;
  return { runDir, dataDir: stored.dataset, dataset, model: stored.model, training: stored.training, backend, stored, checkpoint, finished };
}

/** A new run must not overwrite another: refuses a folder holding any of a run's files. */
export async function refuseExistingRun(runDir: string): Promise<void> {
  // A run still being written is named as such (its pid), not as a finished one to resume.
  refuseLockedFolder(runDir);
  const present = await existingRunFiles(runDir);
  if (present.length > 0) {
    throw new TrainingError('RUN_EXISTS', path.resolve(runDir), 'run folder', present.join(', '), 'a new or empty folder (add --resume to continue this run, or choose another --out)');
  }
}

/** The config.json a new run writes. */
export function newRunConfig(run: OpenRun, backend: BackendReport, requested: BackendChoice): RunConfig {
  const { dataset } = run;
  return {
    format: 'saliency-studio-run',
    version: 1,
    dataset: run.dataDir,
    datasetShape: { samples: dataset.samples.length, window: dataset.window, regions: dataset.regions.length },
    classes: dataset.classes,
    regions: dataset.regions.map((r) => r.name),
    model: run.model,
    training: run.training,
    backend: { requested, report: backend },
    createdAt: new Date().toISOString(),
  };
}

export async function readRunConfig(runDir: string): Promise<RunConfig> {
  const file = runPath(runDir, 'config');
  const fail: Fail = (field, value, expected) => {
    throw new TrainingError('RUN_CONFIG', file, field, value, expected);
  };
  let parsed: unknown;
  try {
    parsed = await readRunJson(runDir, 'config');
  } catch (err) {
    fail('contents', (err as Error).message, 'valid JSON');
  }
  if (parsed === null) fail('path', file, 'an existing run to resume (no config.json here; start a new run without --resume)');
  const o = record(parsed, 'contents', fail);
  if (o.format !== 'saliency-studio-run' || o.version !== 1) fail('format/version', `${o.format}/${o.version}`, 'saliency-studio-run/1');
  const shape = record(o.datasetShape, 'datasetShape', fail);
  const sf = nested(fail, 'datasetShape');
  const backend = record(o.backend, 'backend', fail);
  return {
    ...(o as unknown as RunConfig),
    // Relative to the run folder (older runs stored it absolute).
    dataset: resolveStoredPath(path.resolve(runDir), str(o, 'dataset', fail)),
    datasetShape: { samples: num(shape, 'samples', sf, { integer: true, min: 0 }), window: num(shape, 'window', sf, { integer: true, min: 1 }), regions: num(shape, 'regions', sf, { integer: true, min: 1 }) },
    classes: strings(o, 'classes', fail),
    regions: strings(o, 'regions', fail),
    model: checkModelConfig(o.model, 'model', fail),
    training: checkTrainOptions(o.training, 'training', fail),
    backend: { ...(backend as unknown as RunConfig['backend']), requested: oneOf(backend, 'requested', BACKEND_CHOICES, nested(fail, 'backend')) },
  };
}

function checkDataset(dataset: Dataset, dir: string): void {
  if (dataset.classes.length < 2) {
    throw new TrainingError('DATA_CLASSES', dir, 'classes', dataset.classes, 'at least two classes to tell apart');
  }
  for (const split of ['train', 'test'] as const) {
    if (!dataset.samples.some((s) => s.split === split)) {
      throw new TrainingError('DATA_SPLIT', dir, `${split} samples`, 0, `at least one ${split} sample (the test split is only used once, at the end)`);
    }
  }
}
