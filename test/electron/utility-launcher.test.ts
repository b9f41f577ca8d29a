import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { utilityLauncher } from '../../electron/jobs/utility-launcher.js';
import type { JobProgress } from '../../src/jobs/protocol/schemas.js';
import { jobWorkerEntry } from '../../src/jobs/worker/entry-path.js';
import { WorkerExitError, WorkerMessageError } from '../../src/jobs/worker/errors.js';
import { WORKER_MARKER } from '../../src/jobs/worker/port.js';
import { recorded, reset, utilityProcess } from './mock-electron.js';

beforeEach(reset);

const reportArgs = { runDir: '/ws/runs/a', out: '/ws/reports/a', formats: ['csv' as const], saliencyDir: '/ws/runs/a/saliency/ig' };
const trainArgs = { runDir: '/ws/runs/a', resume: true as const };
const child = () => recorded.children[0];
/** Launches with the worker's console going nowhere, as the tests read it only where they say so. */
const launch: typeof utilityLauncher = (operation, args, options = {}) => utilityLauncher(operation, args, { console: new PassThrough().resume(), ...options });

describe('utilityLauncher', () => {
  it('forks the job-worker entry in a utility process and sends it start', () => {
    const job = launch('exportReport', reportArgs, { jobId: 'job-1' });
    expect(utilityProcess.fork.mock.calls).toEqual([[fileURLToPath(jobWorkerEntry()), [WORKER_MARKER], { serviceName: 'Saliency Studio job', stdio: 'pipe' }]]);
    expect(child().posted).toEqual([{ kind: 'start', jobId: 'job-1', operation: 'exportReport', args: reportArgs }]);
    child().exit(0);
    return expect(job.result).rejects.toBeInstanceOf(WorkerExitError);
  });

  it('passes checked progress on and resolves with the checked result on done, then stops the process', async () => {
    const progress: JobProgress[] = [];
    const job = launch('exportReport', reportArgs, { jobId: 'job-1', onProgress: (p) => progress.push(p) });
    child().reply({ kind: 'progress', jobId: 'job-1', phase: 'report', done: 1, total: 2, etaSeconds: 3 });
    child().reply({ kind: 'done', jobId: 'job-1', result: { out: '/ws/reports/a', files: ['regions.csv'] } });
    await expect(job.result).resolves.toEqual({ out: '/ws/reports/a', files: ['regions.csv'] });
    expect(progress).toEqual([{ phase: 'report', done: 1, total: 2, etaSeconds: 3 }]);
    await Promise.resolve();
    expect(child().exitCode).toBe(-15);
  });

  it('rejects with a WorkerMessageError naming the field of a malformed message or result', async () => {
    const first = launch('exportReport', reportArgs);
    recorded.children[0].reply({ kind: 'progress', phase: 'report', done: -1, total: 2, etaSeconds: null });
    const error = await first.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerMessageError);
    expect(error).toMatchObject({ code: 'WORKER_MESSAGE', file: 'message from the job worker', field: 'done', value: -1 });

    const second = launch('exportReport', reportArgs);
    recorded.children[1].reply({ kind: 'done', result: { out: 7, files: [] } });
    await expect(second.result).rejects.toMatchObject({ name: 'WorkerMessageError', field: 'result.out', value: 7 });
  });

  it('a process that exits mid-training rejects with a resumable WorkerExitError, so the UI offers resume', async () => {
    const job = launch('train', trainArgs);
    child().reply({ kind: 'progress', phase: 'train', done: 1, total: 10, etaSeconds: 20 });
    child().exit(9);
    const error = await job.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerExitError);
    expect(error).toMatchObject({ reason: 'exited', resumable: true, message: 'the job worker (train) exited (code 9) before the job ended; the run can be resumed from its last checkpoint' });
  });

  it('a process that crashes on a fatal error rejects as crashed; a report export is not resumable', async () => {
    const job = launch('exportReport', reportArgs);
    child().emit('error', 'FatalError', 'v8::ToLocalChecked', '');
    child().exit(1);
    await expect(job.result).rejects.toMatchObject({ name: 'WorkerExitError', reason: 'crashed', resumable: false, message: 'the job worker (exportReport) crashed: FatalError at v8::ToLocalChecked; nothing was written; run it again' });
  });

  it('kill() ends the process and rejects as killed; aborting the signal sends cancel', async () => {
    const controller = new AbortController();
    const job = launch('train', trainArgs, { signal: controller.signal, jobId: 'job-2' });
    controller.abort();
    expect(child().posted.at(-1)).toEqual({ kind: 'cancel', jobId: 'job-2' });
    await job.kill();
    expect(child().exitCode).toBe(-15);
    await expect(job.result).rejects.toMatchObject({ name: 'WorkerExitError', reason: 'killed', resumable: true });
  });

  it('pipes the process\'s stdout and stderr to the given console', async () => {
    const console = new PassThrough();
    const chunks: string[] = [];
    console.on('data', (c: Buffer) => chunks.push(c.toString()));
    const job = utilityLauncher('exportReport', reportArgs, { console });
    child().stdout.write('out line\n');
    child().stderr.write('err line\n');
    await new Promise((r) => setImmediate(r));
    expect(chunks.join('')).toBe('out line\nerr line\n');
    child().reply({ kind: 'done', result: { out: '/ws/reports/a', files: [] } });
    await job.result;
  });
});
