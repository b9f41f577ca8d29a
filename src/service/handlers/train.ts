import { stat } from 'node:fs/promises';
import { backendReport } from '../../app/backend-report.js';
import { workspacePath } from '../../app/layout.js';
import { readRunDetails } from '../../app/run-details.js';
import { train, TRAIN_DEFAULTS, trainRequest, type TrainOperationOptions } from '../../app/train.js';
import type { TrainEvent } from '../../jobs/types.js';
import type { Handlers, ServiceContext } from '../context.js';
import { ServiceInputError } from '../errors.js';
import type { ApiTrainEvent } from '../job-registry.js';
import { workspaceEntry } from '../sources.js';

type TrainChannels = 'train.backend' | 'train.start' | 'train.resume' | 'train.run';

/** The Train screen: the backend report, new and resumed runs (jobs in the worker), a run's details. */
export const trainHandlers: Handlers<TrainChannels> = {
  'train.backend': async ({ choice }) => backendReport(choice),

  'train.start': async (request, ctx) => {
    const target = workspaceEntry(ctx, 'runs', request.name);
    const data = await existing(workspacePath(ctx.workspace().root, 'datasets', request.dataset), 'dataset', request.dataset, 'a dataset of the workspace (build one on the Design screen)');
    const options: TrainOperationOptions = {
      data, out: target.path,
      ...(request.model ? { model: request.model } : {}), ...(request.training ? { training: request.training } : {}),
      ...(request.backend ? { backend: request.backend } : {}),
    };
    // Bad settings, a missing dataset or a run folder in the way: refused now, before any job.
    await trainRequest(options);
    const cell = request.model?.cell ?? TRAIN_DEFAULTS.model.cell;
    const attention = request.model?.attention && request.model.attention !== 'none' ? `+${request.model.attention}` : '';
    return { jobId: startTraining(ctx, `Train ${request.name} (${cell}${attention}) on ${request.dataset}`, target, options) };
  },

  'train.resume': async (request, ctx) => {
    const target = workspaceEntry(ctx, 'runs', request.run, 'run');
    ctx.jobs.refuseBusy(target); // a run still starting has no config.json to read yet
    const details = await readRunDetails(await existing(target.path, 'run', request.run, 'a run of the workspace'));
    if (details.status === 'finished') {
      throw new ServiceInputError('RUN_FINISHED', target.path, 'run', request.run, 'a stopped run (this one finished; start a new run to train more)');
    }
    const options: TrainOperationOptions = { out: target.path, resume: true, ...(request.backend ? { backend: request.backend } : {}) };
    return { jobId: startTraining(ctx, `Resume ${request.run}`, target, options) };
  },

  'train.run': async ({ run }, ctx) => {
    const dir = await existing(workspacePath(ctx.workspace().root, 'runs', run), 'run', run, 'a run of the workspace');
    return { name: run, ...(await readRunDetails(dir)) };
  },
};

/** A training job: its events go out as job.train, its summary as the job's result. */
function startTraining(ctx: ServiceContext, title: string, target: ReturnType<typeof workspaceEntry>, options: TrainOperationOptions): string {
  return ctx.jobs.start({
    kind: 'train', title, target,
    run: async ({ signal, onProgress, onTrain }) => {
      const summary = await train(options, { signal, onProgress, launch: ctx.options.launcher, onEvent: (event) => onTrain(apiTrainEvent(event, target.path)) });
      return { run: target.name, epochs: summary.epochs, bestEpoch: summary.bestEpoch, valAccuracy: summary.valAccuracy, testAccuracy: summary.testAccuracy };
    },
  });
}

/** A training event as the contract has it: `started` also names the run folder. */
function apiTrainEvent(event: TrainEvent, runDir: string): ApiTrainEvent {
  return event.kind === 'started' ? { kind: 'started', payload: { ...event.payload, runDir } } : event;
}

/** `dir` when it is a folder; otherwise the request's `field` named a workspace entry that does not exist. */
async function existing(dir: string, field: string, name: string, expected: string): Promise<string> {
  if (await stat(dir).then((s) => s.isDirectory(), () => false)) return dir;
  throw new ServiceInputError(field === 'run' ? 'RUN_MISSING' : 'DATASET_MISSING', dir, field, name, expected);
}
