/**
 * The Study → Design → Train flow through `service.call`, as a renderer drives it, on a temp
 * workspace with the demo study and the real job worker (dist must be built). Every answer
 * below passed its channel's response schema (the service checks each one and answers
 * INTERNAL when it does not fit), so this file is also the contract test that the schemas
 * accept what the core returns.
 */
import { mkdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiEvent, ChannelResponse } from '../../src/api/index.js';
import { BUILD_DATASET_DEFAULTS } from '../../src/app/build-dataset.js';
import { TRAIN_DEFAULTS } from '../../src/app/train.js';
import { DEMO_GRID, DEMO_SUBJECTS, DEMO_TASKS, DEMO_TR, DEMO_VOLUMES } from '../../src/demo/index.js';
import { readEvents } from '../../src/study/events.js';
import { createService } from '../../src/service/create-service.js';
import type { Service } from '../../src/service/types.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { serviceCalls } from './helpers/service-calls.js';

const SLOW = 240_000;
let base: string;
let ws: string;
let service: Service;
const events: ApiEvent[] = [];

beforeAll(async () => {
  base = await realpath(await suiteTempDir());
  ws = path.join(base, 'ws');
  service = await createService({ mode: 'browser', workspace: ws, roots: [base], version: '9.9.9-test' });
  service.onEvent((e) => events.push(e));
});
afterAll(() => service.close());

const { call, refusal, jobEvents, ended } = serviceCalls(() => service, () => events, SLOW);
const trainEvents = (jobId: string) => jobEvents(jobId).flatMap((e) => (e.kind === 'job.train' ? [e.event] : []));

async function done<K extends string>(jobId: string, job: K) {
  const end = await ended(jobId);
  if (end.kind !== 'job.done') throw new Error(`${jobId} failed: ${JSON.stringify(end)}`);
  expect(end.outcome.job).toBe(job);
  return end.outcome.result as never;
}

const design = { labelBy: 'trial_type' as const, window: 8, stride: 4, shiftSeconds: 5 };
let study: string;
let preview: ChannelResponse<'dataset.preview'>;
let testWindows: number;

describe('the service flow on the demo study', () => {
  it('answers app.info with the mode, the workspace and the operations’ defaults', async () => {
    const info = await call('app.info', {});
    expect(info).toMatchObject({ version: '9.9.9-test', mode: 'browser', nativeDialogs: false, workspace: { path: ws } });
    expect(info.defaults.dataset).toMatchObject({ window: BUILD_DATASET_DEFAULTS.window, stride: BUILD_DATASET_DEFAULTS.stride, labelBy: BUILD_DATASET_DEFAULTS.labelBy });
    expect(info.defaults.train).toEqual({ model: TRAIN_DEFAULTS.model, training: TRAIN_DEFAULTS.training, backend: 'auto' });
  });

  it('reports the backend a run would use and why', async () => {
    const report = await call('train.backend', { choice: 'auto' });
    expect(report.requested).toBe('auto');
    expect(report.reason.length).toBeGreaterThan(0);
    expect(await refusal('train.backend', { choice: 'gpu' })).toMatchObject({ code: 'API_PAYLOAD', input: { field: 'choice' } });
  });

  it('refuses files.pick in browser mode with NOT_AVAILABLE', async () => {
    expect(await refusal('files.pick', { kind: 'folder' })).toMatchObject({ code: 'NOT_AVAILABLE', message: expect.stringContaining('use the folder browser') });
  });

  it('generates the demo study as a job and lists it in the workspace', async () => {
    const { jobId } = await call('study.demo', {});
    const result: { name: string; path: string; handle: string } = await done(jobId, 'demoStudy');
    expect(result).toMatchObject({ name: 'demo', path: 'studies/demo' });
    study = result.handle;
    expect(jobEvents(jobId)[0]).toMatchObject({ kind: 'job.started', job: { kind: 'demoStudy', state: 'running', target: 'demo' } });
    const last = jobEvents(jobId).filter((e) => e.kind === 'job.progress').at(-1);
    expect(last).toMatchObject({ progress: { phase: 'generate', done: DEMO_SUBJECTS.length * DEMO_TASKS.length, total: DEMO_SUBJECTS.length * DEMO_TASKS.length } });
    expect((await call('workspace.list', {})).studies).toEqual([result]);
  }, SLOW);

  it('opens the demo study: its subjects, tasks, 48 runs with their TR from the sidecars, no problem', async () => {
    const listing = await call('study.open', { source: study });
    expect(listing.handle).toBe(study);
    expect(listing.source).toBe(path.join(ws, 'studies', 'demo'));
    expect(listing.subjects).toEqual([...DEMO_SUBJECTS]);
    expect(listing.tasks).toEqual(DEMO_TASKS.map((t) => t.name).sort());
    expect(listing.runs).toHaveLength(DEMO_SUBJECTS.length * DEMO_TASKS.length);
    for (const run of listing.runs) {
      expect(run).toMatchObject({ format: 'nifti', tr: DEMO_TR, volumes: DEMO_VOLUMES, events: { trialTypes: [run.task] } });
    }
    expect(listing.problems.filter((p) => p.severity === 'error')).toEqual([]);

    // One of its images, reached through the folder browser as a user would.
    const sub = (await call('files.browse', { handle: study })).entries.find((e) => e.name === 'sub-01')!;
    const func = (await call('files.browse', { handle: sub.handle })).entries.find((e) => e.name === 'func')!;
    const bold = (await call('files.browse', { handle: func.handle })).entries.find((e) => e.name === 'sub-01_task-motor_bold.nii.gz')!;
    const image = await call('study.inspect', { file: bold.handle });
    expect(image).toMatchObject({ shape: [...DEMO_GRID.shape, DEMO_VOLUMES], tr: DEMO_TR, nonFinite: 0 });
    expect(await refusal('study.inspect', { file: func.handle })).toMatchObject({ code: 'FILE_KIND', input: { field: 'file' } });
  }, SLOW);

  it('parcellates every run into the workspace cache, and a second time reads them all from it', async () => {
    const atlas = await call('atlas.describe', {});
    expect(atlas).toMatchObject({ name: 'AAL', bundled: true });
    const first: { runs: { fromCache: boolean; volumes: number; regions: number }[] } = await done((await call('study.parcellate', { source: study })).jobId, 'parcellate');
    expect(first.runs).toHaveLength(DEMO_SUBJECTS.length * DEMO_TASKS.length);
    for (const run of first.runs) expect(run).toMatchObject({ fromCache: false, volumes: DEMO_VOLUMES, regions: atlas.regions.length });
    const again: typeof first = await done((await call('study.parcellate', { source: study })).jobId, 'parcellate');
    expect(again.runs.every((r) => r.fromCache)).toBe(true);
  }, SLOW);

  it('gives the QC series of a run: one value per volume for each region asked, and the run’s events', async () => {
    const qc = await call('study.qc', { source: study, run: 'sub-01_task-motor', regions: ['Precentral_L', 'Calcarine_R'] });
    expect(qc.regions.map((r) => [r.name, r.values.length])).toEqual([['Precentral_L', DEMO_VOLUMES], ['Calcarine_R', DEMO_VOLUMES]]);
    const events = await readEvents(path.join(ws, 'studies/demo/sub-01/func/sub-01_task-motor_events.tsv'));
    expect(qc.events).toEqual(events.events);
    expect(qc).toMatchObject({ run: 'sub-01_task-motor', tr: DEMO_TR, volumes: DEMO_VOLUMES });
    expect(qc.available).toContain('Supp_Motor_Area_L');
  });

  it('previews the design, then builds a dataset with exactly the windows the preview announced', async () => {
    preview = await call('dataset.preview', { source: study, design });
    expect(preview.classes).toEqual(DEMO_TASKS.map((t) => t.name).sort());
    const { jobId } = await call('dataset.build', { source: study, design, name: 'demo-ds' });
    const result: { name: string; summary: { windowsPerClass: unknown; windows: { test: number; total: number }; splitSubjects: unknown; parcellation: { fromCache: number } } } = await done(jobId, 'buildDataset');
    expect(result.name).toBe('demo-ds');
    expect(result.summary.windowsPerClass).toEqual(preview.windowsPerClass);
    expect(result.summary.windows).toEqual(preview.windows);
    expect(result.summary.splitSubjects).toEqual(preview.splitSubjects);
    expect(result.summary.parcellation.fromCache).toBe(DEMO_SUBJECTS.length * DEMO_TASKS.length); // the study's parcellation was reused
    testWindows = result.summary.windows.test;
    expect(jobEvents(jobId).at(-1)).toMatchObject({ kind: 'job.done' });
    expect(events.at(-1)).toEqual({ kind: 'workspace.changed' });
    const listed = (await call('workspace.list', {})).datasets.find((d) => d.name === 'demo-ds');
    expect(listed).toMatchObject({ path: 'datasets/demo-ds', samples: result.summary.windows.total, classes: preview.classes });
  }, SLOW);

  it('refuses a second dataset of the same name before starting a job', async () => {
    expect(await refusal('dataset.build', { source: study, design, name: 'demo-ds' })).toMatchObject({ code: 'DATASET_EXISTS', input: { field: 'name', value: 'demo-ds' } });
  });

  it('trains 2 epochs, streaming started and both epochs, then shows the run’s curves and confusion matrix', async () => {
    const { jobId } = await call('train.start', { dataset: 'demo-ds', name: 'lstm-small', model: { hidden: 4 }, training: { epochs: 2, patience: 5 } });
    const result: { run: string; epochs: number; bestEpoch: number; testAccuracy: number } = await done(jobId, 'train');
    const kinds = trainEvents(jobId).filter((e) => e.kind !== 'batch' && e.kind !== 'checkpoint').map((e) => e.kind);
    expect(kinds).toEqual(['backend', 'started', 'epoch', 'epoch']);
    const started = trainEvents(jobId).find((e) => e.kind === 'started')!;
    expect(started.payload).toMatchObject({ runDir: path.join(ws, 'runs', 'lstm-small'), resumedFromEpoch: 0, epochs: 2, testSamples: testWindows });
    const progress = jobEvents(jobId).filter((e) => e.kind === 'job.progress').at(-1)!;
    expect(progress.kind === 'job.progress' && progress.progress.done === progress.progress.total).toBe(true);
    expect(result).toMatchObject({ run: 'lstm-small', epochs: 2 });

    const details = await call('train.run', { run: 'lstm-small' });
    expect(details).toMatchObject({ name: 'lstm-small', status: 'finished', dataset: 'datasets/demo-ds', classes: preview.classes, model: { hidden: 4, classes: 3 } });
    expect(details.metrics.map((m) => m.epoch)).toEqual([1, 2]);
    const confusion = details.summary!.confusion;
    expect(confusion).toHaveLength(3);
    expect(confusion.flat().reduce((a, b) => a + b, 0)).toBe(testWindows);
    const correct = confusion.reduce((n, row, i) => n + row[i], 0);
    expect(details.summary!.testAccuracy).toBeCloseTo(correct / testWindows, 12);
    expect(details.summary!.testAccuracy).toBe(result.testAccuracy);

    const listing = await call('workspace.list', {});
    expect(listing.datasets.map((d) => d.name)).toEqual(['demo-ds']);
    expect(listing.runs.find((r) => r.name === 'lstm-small')).toMatchObject({ status: 'finished', epochs: 2, dataset: 'datasets/demo-ds', testAccuracy: result.testAccuracy });
  }, SLOW);

  it('refuses to resume a finished run, and a new run into a folder already holding one', async () => {
    expect(await refusal('train.resume', { run: 'lstm-small' })).toMatchObject({ code: 'RUN_FINISHED', input: { field: 'run' } });
    for (const channel of ['train.resume', 'train.run'] as const) {
      expect(await refusal(channel, { run: 'never-trained' })).toMatchObject({ code: 'RUN_MISSING', input: { field: 'run', value: 'never-trained' } });
    }
    expect(await refusal('train.start', { dataset: 'demo-ds', name: 'lstm-small' })).toMatchObject({ code: 'RUN_EXISTS' });
    expect(await refusal('train.start', { dataset: 'no-such-dataset', name: 'x' })).toMatchObject({
      code: 'DATASET_MISSING', input: { file: path.join(ws, 'datasets', 'no-such-dataset'), field: 'dataset', value: 'no-such-dataset' },
    });
    expect(await refusal('train.start', { dataset: 'demo-ds', name: 'x', model: { hidden: 4, attention: 'input-cell', hops: 0 } })).toMatchObject({ code: 'API_PAYLOAD', input: { field: 'model.hops' } });
  });

  it('cancels a long run after its first epoch (resumable), then resumes it from that checkpoint and cancels again', async () => {
    const { jobId } = await call('train.start', { dataset: 'demo-ds', name: 'lstm-long', model: { hidden: 4 }, training: { epochs: 50, patience: 50 } });
    expect(await refusal('train.resume', { run: 'lstm-long' })).toMatchObject({ code: 'TARGET_BUSY', input: { field: 'run', value: 'lstm-long' } });
    await vi.waitFor(() => expect(trainEvents(jobId).some((e) => e.kind === 'epoch')).toBe(true), { timeout: SLOW, interval: 50 });
    await call('jobs.cancel', { jobId });
    const end = await ended(jobId);
    expect(end).toMatchObject({ kind: 'job.failed', cancelled: true, error: { name: 'TrainingCancelled', code: 'CANCELLED', resumable: true } });
    const stopped = await call('train.run', { run: 'lstm-long' });
    expect(stopped.status).toBe('stopped');
    expect(stopped.summary).toBeNull();
    expect(stopped.metrics.length).toBeGreaterThanOrEqual(1);

    const resumed = (await call('train.resume', { run: 'lstm-long' })).jobId;
    await vi.waitFor(() => expect(trainEvents(resumed).some((e) => e.kind === 'started')).toBe(true), { timeout: SLOW, interval: 50 });
    const started = trainEvents(resumed).find((e) => e.kind === 'started')!;
    expect(started.kind === 'started' && started.payload.resumedFromEpoch).toBeGreaterThanOrEqual(1);
    expect(started.kind === 'started' && started.payload.epochs).toBe(50);
    await call('jobs.cancel', { jobId: resumed });
    expect(await ended(resumed)).toMatchObject({ kind: 'job.failed', cancelled: true });

    const jobs = (await call('jobs.list', {})).jobs;
    expect(jobs[0]).toMatchObject({ jobId: resumed, kind: 'train', state: 'cancelled', target: 'lstm-long' });
    expect(jobs.map((j) => j.kind)).toEqual(['train', 'train', 'train', 'buildDataset', 'parcellate', 'parcellate', 'demoStudy']);
  }, SLOW);

  it('browses the roots and opens another workspace through a folder handle', async () => {
    const roots = (await call('files.roots', {})).roots;
    expect(roots.map((r) => r.path)).toEqual([ws, base]); // the workspace first
    await mkdir(path.join(base, 'second'));
    const top = await call('files.browse', { handle: roots[1].handle });
    expect(top.parent).toBeNull();
    expect(top.entries.map((e) => [e.name, e.kind])).toEqual([['second', 'folder'], ['ws', 'folder']]);
    const opened = await call('workspace.open', { folder: top.entries[0].handle });
    expect(opened.path).toBe(path.join(base, 'second'));
    expect(JSON.parse(await readFile(path.join(base, 'second', 'workspace.json'), 'utf8'))).toMatchObject({ format: 'saliency-studio-workspace' });
    expect(await call('workspace.list', {})).toMatchObject({ workspace: { path: path.join(base, 'second') }, studies: [], datasets: [], runs: [] });
    expect((await call('app.info', {})).workspace.path).toBe(path.join(base, 'second'));
  });
});
