import { EventEmitter } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/assets.js';
import { readLatestCheckpoint } from '../../src/jobs/checkpoint.js';
import { TrainingCancelled } from '../../src/jobs/errors.js';
import { readModelDir } from '../../src/jobs/model-dir.js';
import { readMetrics } from '../../src/jobs/run-dir.js';
import type { NewRunRequest, TrainEvent, TrainRequest, TrainSummary } from '../../src/jobs/types.js';
import { jobWorkerEntry } from '../../src/jobs/worker/entry-path.js';
import { WorkerExitError } from '../../src/jobs/worker/errors.js';
import { startJob } from '../../src/jobs/worker/host.js';
import { electronPort, WORKER_MARKER } from '../../src/jobs/worker/port.js';
import { operations } from '../../src/jobs/operations/index.js';
import { parseMessage } from '../../src/jobs/protocol/parse.js';
import { FROM_WORKER, workerMessage, type WorkerMessage } from '../../src/jobs/protocol/schemas.js';
import { serveJobs } from '../../src/jobs/worker/serve.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { isCancelled } from '../../src/util/cancel.js';
import { tempDir } from '../helpers/temp-tree.js';
import { newRun } from './helpers/run.js';
import { writeToyDataset } from './helpers/toy-dataset.js';

// The worker runs dist/ (compiled by `npm test`'s pretest, or `npx tsc -p tsconfig.json`) with
// the real classifier: a small LSTM with dropout, so resuming must also restore dropout masks.
// The in-process reference runs the same compiled engine, so that sources edited since the
// last build cannot make the two differ.
const EPOCHS = 6;
const realModelOnCpu = operations({ selectBackend: () => selectBackend('cpu') });
const parseWorkerMessage = (m: unknown) => parseMessage(workerMessage, m, FROM_WORKER);
/** The training event a worker message carries, if it carries one. */
const trainEvent = (m: WorkerMessage) => (m.kind === 'event' ? (m.event as TrainEvent) : null);
const compiled = <T>(rel: string): Promise<T> => import(pathToFileURL(path.join(packageRoot(), 'dist', rel)).href);
let shared = '';
let data = '';
let reference: { runDir: string; events: TrainEvent[]; summary: TrainSummary };

// Shared by all tests, so not a tempDir() (those are removed after each test).
beforeAll(async () => {
  const root = (shared = await mkdtemp(path.join(tmpdir(), 'worker-test-')));
  data = await writeToyDataset(path.join(root, 'data'), { counts: { train: [16, 8], test: [5, 5] }, window: 4, regions: 3 });
  const request = newRun(path.join(root, 'reference'), data, { epochs: EPOCHS });
  const { runTraining } = await compiled<typeof import('../../src/jobs/engine.js')>('src/jobs/engine.js');
  const select = await compiled<typeof import('../../src/model/backend/select.js')>('src/model/backend/select.js');
  const events: TrainEvent[] = [];
  const summary = await runTraining(request, { onEvent: (e) => events.push(e) }, { selectBackend: () => select.selectBackend('cpu') });
  reference = { runDir: request.runDir, events, summary };
});
afterAll(() => rm(shared, { recursive: true, force: true }));

const runIn = async (name: string): Promise<NewRunRequest> => newRun(path.join(await tempDir(), name), data, { epochs: EPOCHS });
const finalWeights = async (runDir: string) => (await readModelDir(path.join(runDir, 'final'))).weights;
const untimed = (events: TrainEvent[]) => events.map((e) => (e.kind === 'checkpoint' ? { ...e, payload: { ...e.payload, dir: path.basename(e.payload.dir) } } : e.kind === 'batch' || e.kind === 'epoch' ? { ...e, payload: { ...e.payload, etaSeconds: 0, seconds: 0 } } : e));
const untimedMetrics = async (runDir: string) => (await readMetrics(runDir)).map((m) => ({ ...m, seconds: 0, etaSeconds: 0 }));

/** Runs a request in a worker, collecting events; `react` may abort `signal` or kill on any event. */
function inWorker(request: TrainRequest, react?: (event: TrainEvent, job: ReturnType<typeof startJob<'train'>>) => void, signal?: AbortSignal) {
  const events: TrainEvent[] = [];
  const job = startJob('train', request, { signal, onEvent: (e) => { events.push(e); react?.(e, job); } });
  return { job, events };
}

describe('training in a worker thread', () => {
  it('streams the same events as an in-process run and ends with identical weights and summary', async () => {
    const request = await runIn('worker');
    const { job, events } = inWorker(request);
    const summary = await job.result;
    const perEpoch = ['batch', 'batch', 'batch', 'batch', 'batch', 'batch', 'epoch', 'checkpoint']; // 21 samples in batches of 4
    expect(events.map((e) => e.kind)).toEqual(['backend', 'started', ...new Array(EPOCHS).fill(perEpoch).flat()]);
    expect(untimed(events)).toEqual(untimed(reference.events));
    // What an in-process run returns (summary.json stores the dataset relative to its run).
    expect({ ...summary, wallSeconds: 0 }).toEqual({ ...reference.summary, wallSeconds: 0 });
    expect(await finalWeights(request.runDir)).toEqual(await finalWeights(reference.runDir));
    expect(await untimedMetrics(request.runDir)).toEqual(await untimedMetrics(reference.runDir));
    const live = events.flatMap((e) => (e.kind === 'epoch' ? [e.payload.liveTensors] : []));
    expect(new Set(live.slice(1)).size).toBe(1);
  });

  it('aborting the signal stops within the epoch with TrainingCancelled, keeps the last checkpoint, and a resume matches an uninterrupted run', async () => {
    const request = await runIn('cancelled');
    const controller = new AbortController();
    let batchesAfterCancel = -1;
    const { job, events } = inWorker(request, (e) => {
      if (batchesAfterCancel >= 0 && e.kind === 'batch') batchesAfterCancel++;
      if (batchesAfterCancel < 0 && e.kind === 'batch' && e.payload.epoch === 3) {
        batchesAfterCancel = 0;
        controller.abort();
      }
    }, controller.signal);
    const error = await job.result.catch((err: unknown) => err);
    const epochsDone = events.filter((e) => e.kind === 'checkpoint').length;
    expect(isCancelled(error)).toBe(true);
    expect(error).toBeInstanceOf(TrainingCancelled);
    expect((error as TrainingCancelled).lastCheckpointEpoch).toBe(epochsDone);
    expect(epochsDone).toBeGreaterThanOrEqual(2);
    expect(batchesAfterCancel).toBeLessThan(6); // a batch or two in flight, not the rest of the run
    expect((await readLatestCheckpoint(request.runDir))?.state.epoch).toBe(epochsDone);
    expect(await readdir(request.runDir)).not.toContain('summary.json');

    const resumed = inWorker({ runDir: request.runDir, resume: true, backend: 'cpu' });
    expect((await resumed.job.result).epochs).toBe(EPOCHS);
    expect(resumed.events[1]).toMatchObject({ kind: 'started', payload: { resumedFromEpoch: epochsDone } });
    expect(await finalWeights(request.runDir)).toEqual(await finalWeights(reference.runDir));
    expect(await untimedMetrics(request.runDir)).toEqual(await untimedMetrics(reference.runDir));
  });

  it('a worker terminated mid-epoch rejects with a clear error; resuming then matches an uninterrupted run', async () => {
    const request = await runIn('killed');
    const { job } = inWorker(request, (e, j) => {
      if (e.kind === 'batch' && e.payload.epoch === 4 && e.payload.batch === 3) void j.kill();
    });
    const error = await job.result.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(WorkerExitError);
    expect(error).toMatchObject({ reason: 'killed', resumable: true, message: expect.stringMatching(/killed; the run can be resumed from its last checkpoint/) });
    expect((await readLatestCheckpoint(request.runDir))?.state.epoch).toBeGreaterThanOrEqual(3);

    const resumed = inWorker({ runDir: request.runDir, resume: true, backend: 'cpu' });
    expect((await resumed.job.result).epochs).toBe(EPOCHS);
    expect(await finalWeights(request.runDir)).toEqual(await finalWeights(reference.runDir));
    expect(await untimedMetrics(request.runDir)).toEqual(await untimedMetrics(reference.runDir));
  });

  it('a request with a wrongly typed field is refused with an error naming the field, and nothing is written', async () => {
    const request = await runIn('bad');
    const bad = { ...request, training: { ...request.training, epochs: '3' } } as unknown as TrainRequest;
    const error = await startJob('train', bad).result.catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'WorkerMessageError', code: 'WORKER_MESSAGE', field: 'args.training.epochs', value: '3' });
    expect((error as Error).message).toBe('message to the job worker: args.training.epochs = "3"; expected an integer ≥ 1 ≤ 10000');
    await expect(readdir(request.runDir)).rejects.toThrow(/ENOENT/);
  });

  it('the worker answers malformed messages with errors and keeps serving', async () => {
    const worker = new Worker(jobWorkerEntry(), { workerData: WORKER_MARKER });
    const replies: WorkerMessage[] = [];
    const next = (kind: WorkerMessage['kind']) => new Promise<WorkerMessage>((resolve) => {
      const listen = (m: unknown) => {
        const message = parseWorkerMessage(m);
        replies.push(message);
        if (message.kind === kind) resolve(message);
        else worker.once('message', listen);
      };
      worker.once('message', listen);
    });
    try {
      const answers: WorkerMessage[] = [];
      for (const message of [{ kind: 'stop' }, { kind: 'start', operation: 'train', args: { runDir: 5 } }, 'start', { kind: 'cancel', now: true }, { kind: 'start', operation: 'fly', args: {} }]) {
        const reply = next('failed');
        worker.postMessage(message);
        answers.push(await reply);
      }
      expect(answers.map((a) => a.kind === 'failed' && `${a.error.input?.field}: ${a.error.message.split('; ')[1]}`)).toEqual([
        'kind: expected one of start, cancel',
        'args.runDir: expected a string',
        'message: expected an object',
        'now: expected no such field',
        'operation: expected one of train, explain, assembleStudy, exportReport, parcellateStudy, demoStudy',
      ]);
      // Still serving: resuming the finished reference run answers with its summary.
      const done = next('done');
      worker.postMessage({ kind: 'start', operation: 'train', args: { runDir: reference.runDir, resume: true, backend: 'cpu' } });
      expect(await done).toMatchObject({ kind: 'done', result: { epochs: EPOCHS } });
    } finally {
      await worker.terminate();
    }
  });

  it('a malformed message during a run stops it at the next batch and is reported instead of the outcome', async () => {
    const port = Object.assign(new EventEmitter(), { sent: [] as WorkerMessage[], postMessage: (m: WorkerMessage) => void 0 });
    const finished = new Promise<WorkerMessage>((resolve) => {
      port.postMessage = (m) => {
        port.sent.push(m);
        const e = trainEvent(m);
        if (e?.kind === 'batch' && e.payload.batch === 2) port.emit('message', { kind: 'cancel', jobId: 5 });
        if (m.kind === 'done' || m.kind === 'failed') resolve(m);
      };
    });
    serveJobs(port, realModelOnCpu);
    port.emit('message', { kind: 'start', operation: 'train', args: await runIn('in-process') });
    const last = await finished;
    expect(last).toMatchObject({ kind: 'failed', cancelled: false, error: { name: 'WorkerMessageError', input: { field: 'jobId', value: 5 } } });
    expect(port.sent.flatMap((m) => { const e = trainEvent(m); return e?.kind === 'batch' ? [e.payload.batch] : []; })).toEqual([1, 2]);
  });

  it('a cancel message aborts the run inside the worker, which reports failed cancelled and resumable with the checkpoint it kept', async () => {
    const port = Object.assign(new EventEmitter(), { sent: [] as WorkerMessage[], postMessage: (m: WorkerMessage) => void 0 });
    const finished = new Promise<WorkerMessage>((resolve) => {
      port.postMessage = (m) => {
        port.sent.push(m);
        const e = trainEvent(m);
        if (e?.kind === 'batch' && e.payload.epoch === 2 && e.payload.batch === 1) port.emit('message', { kind: 'cancel' });
        if (m.kind === 'done' || m.kind === 'failed') resolve(m);
      };
    });
    serveJobs(port, realModelOnCpu);
    const request = await runIn('cancel-message');
    port.emit('message', { kind: 'start', operation: 'train', args: request });
    expect(await finished).toMatchObject({ kind: 'failed', cancelled: true, resumable: true, error: { name: 'TrainingCancelled', lastCheckpointEpoch: 1 } });
    expect(port.sent.filter((m) => { const e = trainEvent(m); return e?.kind === 'batch' && e.payload.epoch === 2; }).length).toBe(1);
    expect(await readdir(request.runDir)).not.toContain('summary.json');
  });

  it('under Electron, the entry serves process.parentPort, whose messages arrive wrapped as { data }', () => {
    const parent = Object.assign(new EventEmitter(), { sent: [] as unknown[], postMessage: (m: unknown) => void parent.sent.push(m) });
    (process as { parentPort?: unknown }).parentPort = parent;
    try {
      serveJobs(electronPort()!);
    } finally {
      delete (process as { parentPort?: unknown }).parentPort;
    }
    parent.emit('message', { data: { kind: 'cancel', soon: 1 }, ports: [] });
    expect(parent.sent).toMatchObject([{ kind: 'failed', error: { input: { field: 'soon', value: 1 } } }]);
    expect(electronPort()).toBeNull();
  });

  it('an exception in the caller\'s event handler rejects the job instead of escaping', async () => {
    const job = startJob('train', await runIn('throws'), { onEvent: () => { throw new Error('handler broke'); } });
    await expect(job.result).rejects.toThrow('handler broke');
  });
});
