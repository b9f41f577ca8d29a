import { resolveDatasetDir } from '../jobs/dataset-path.js';
import { TrainingError } from '../jobs/errors.js';
import { refuseExistingRun } from '../jobs/run-setup.js';
import { DEFAULT_TRAIN_OPTIONS, type NewRunRequest, type TrainEvent, type TrainOptions, type TrainRequest, type TrainSummary } from '../jobs/types.js';
import { checkTrainRequest } from '../jobs/worker/check-request.js';
import { startJob, type JobLauncher } from '../jobs/worker/host.js';
import type { BackendChoice } from '../model/backend/types.js';
import { DEFAULT_MODEL_CONFIG, type ModelSpec } from '../model/types.js';
import { throwIfCancelled } from '../util/cancel.js';
import type { OperationContext } from './context.js';

/** What a new run uses for every setting left out: the model's and the trainer's own defaults. */
export const TRAIN_DEFAULTS: { readonly model: Readonly<ModelSpec>; readonly training: Readonly<TrainOptions>; readonly backend: BackendChoice } = {
  model: DEFAULT_MODEL_CONFIG,
  training: DEFAULT_TRAIN_OPTIONS,
  backend: 'auto',
};

/** A new run: the dataset, the run folder, and any settings that differ from TRAIN_DEFAULTS. */
export interface NewTrainOptions {
  /** A dataset folder (what `study` or `synth` wrote), its dataset.json, or a folder holding exactly one. */
  data: string;
  /** The run folder: new or empty. */
  out: string;
  model?: Partial<ModelSpec>;
  training?: Partial<TrainOptions>;
  backend?: BackendChoice;
  resume?: false;
}

/** Continues the run in `out` from its last checkpoint, with the settings in its config.json. */
export interface ResumeTrainOptions {
  out: string;
  resume: true;
  /** Absent: the backend the run started with (another may differ in the last digits). */
  backend?: BackendChoice;
}

export type TrainOperationOptions = NewTrainOptions | ResumeTrainOptions;

/** Besides the signal and progress: the run's own events, and a hard stop. */
export interface TrainContext extends OperationContext {
  /** Every event of the run (backend, started, batch, epoch): what the curves draw. */
  onEvent?: (event: TrainEvent) => void;
  /** Aborting it terminates the worker at once, as a crash would (WorkerExitError 'killed'); the run stays resumable. */
  kill?: AbortSignal;
  /** Where the worker's console output goes (default stderr). */
  console?: NodeJS.WritableStream;
  /** How the worker is started (default: a worker thread; the Electron shell: a utilityProcess). */
  launch?: JobLauncher;
}

// Options come from a UI or a script as well as the CLI: checked as a worker message is, but
// failing as the TrainingError (bad input) it is here rather than a protocol error.
const failOption = (field: string, value: unknown, expected: string): never => {
  throw new TrainingError('TRAIN_OPTION', 'train options', field, value, expected);
};

/**
 * The checked request for `options`: defaults filled in from TRAIN_DEFAULTS, the dataset
 * folder resolved, and a new run's folder refused when it already holds a run. Throws
 * TrainingError before any worker is started.
 */
export async function trainRequest(options: TrainOperationOptions): Promise<TrainRequest> {
  if (options.resume) {
    return checkTrainRequest({ runDir: options.out, resume: true, ...(options.backend === undefined ? {} : { backend: options.backend }) }, 'request', failOption);
  }
  const request = checkTrainRequest({
    runDir: options.out,
    dataDir: options.data,
    model: { ...TRAIN_DEFAULTS.model, ...options.model },
    training: { ...TRAIN_DEFAULTS.training, ...options.training },
    backend: options.backend ?? TRAIN_DEFAULTS.backend,
  }, 'request', failOption) as NewRunRequest; // no `resume`: checked as a new run
  const dataDir = await resolveDatasetDir(options.data);
  await refuseExistingRun(options.out); // the worker checks too; this answers before starting one
  return { ...request, dataDir };
}

/**
 * Trains (or resumes) a run in the job worker. Progress is phase `train`: batches done of all
 * the run's batches, with the ETA; `ctx.onEvent` gets the run's events. Resolves with the
 * run's summary; aborting `ctx.signal` ends it at the next batch with TrainingCancelled (the
 * last checkpoint kept, so `resume: true` continues it).
 */
export async function train(options: TrainOperationOptions, ctx: TrainContext = {}): Promise<TrainSummary> {
  const request = await trainRequest(options);
  throwIfCancelled(ctx.signal);
  const job = (ctx.launch ?? startJob)('train', request, {
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(ctx.console ? { console: ctx.console } : {}),
    onProgress: (progress) => ctx.onProgress?.(progress),
    onEvent: (event) => ctx.onEvent?.(event as TrainEvent),
  });
  const kill = () => void job.kill();
  if (ctx.kill?.aborted) kill();
  else ctx.kill?.addEventListener('abort', kill, { once: true });
  try {
    return (await job.result) as TrainSummary;
  } finally {
    ctx.kill?.removeEventListener('abort', kill);
  }
}
