import path from 'node:path';
import { readMetrics, readSummary } from '../jobs/run-dir.js';
import { readRunConfig } from '../jobs/run-setup.js';
import type { EpochMetrics, TrainOptions, TrainSummary } from '../jobs/types.js';
import type { ModelConfig } from '../model/types.js';
import { findWorkspaceRoot } from './workspace.js';
import { runningOrStopped, workspaceRelative, type RunStatus } from './workspace-list.js';

/** A run opened (src/api/schemas/train.ts runDetails, less its name). */
export interface RunDetails {
  status: RunStatus;
  /** The dataset folder, relative to the workspace where inside it, else absolute. */
  dataset: string;
  model: ModelConfig;
  training: TrainOptions;
  /** The backend that finished the run, or (unfinished) the one that started it. */
  backend: string;
  classes: string[];
  /** Every epoch trained so far, in order. */
  metrics: EpochMetrics[];
  /** Null until the run finishes. */
  summary: Pick<TrainSummary, 'epochs' | 'bestEpoch' | 'stoppedEarly' | 'valAccuracy' | 'testAccuracy' | 'confusion' | 'wallSeconds' | 'resumes' | 'backendReason'> | null;
}

/**
 * Everything the Train screen shows for one run: its settings, its curves (every line of
 * metrics.jsonl) and, once finished, the test confusion matrix, each read with its validated
 * reader, so a damaged file is an error naming it. Works on a run still training: its
 * metrics so far, status `running`.
 */
export async function readRunDetails(runDir: string): Promise<RunDetails> {
  const dir = path.resolve(runDir);
  const config = await readRunConfig(dir);
  const summary = await readSummary(dir);
  const metrics = await readMetrics(dir);
  const root = await findWorkspaceRoot(dir);
  return {
    status: summary ? 'finished' : runningOrStopped(dir),
    dataset: workspaceRelative(root, config.dataset),
    model: config.model,
    training: config.training,
    backend: summary ? summary.backend : config.backend.report.backend,
    // config.json records the dataset's classes when the run is created (resume checks it is the same dataset).
    classes: summary ? summary.classes : config.classes,
    metrics,
    summary: summary && {
      epochs: summary.epochs, bestEpoch: summary.bestEpoch, stoppedEarly: summary.stoppedEarly, valAccuracy: summary.valAccuracy,
      testAccuracy: summary.testAccuracy, confusion: summary.confusion, wallSeconds: summary.wallSeconds, resumes: summary.resumes,
      backendReason: summary.backendReason,
    },
  };
}
