// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi, storesOf, type Answers } from './fake-client.js';
import { job, STUDY } from './study-fixtures.js';


const PARCELLATED = { runs: [{ name: 'sub-01_ses-1_task-motor', file: STUDY.runs[0].file, fromCache: false, volumes: 120, regions: 115, vanished: [{ label: 9120, name: 'Vermis_10' }], warnings: [] }], imported: [] };

function setup(answers: Answers = {}) {
  const api = fakeApi({ 'jobs.list': () => ({ jobs: [] }), ...answers });
  return { api, jobs: storesOf(api.client).jobs };
}

describe('the jobs store', () => {
  it('is one store per client', () => {
    const { api, jobs } = setup();
    expect(storesOf(api.client).jobs).toBe(jobs);
    expect(storesOf(fakeApi({ 'jobs.list': () => ({ jobs: [] }) }).client).jobs).not.toBe(jobs);
  });

  it('follows a job from started through progress to done, handing the result to its follower', async () => {
    const { api, jobs } = setup({ 'study.parcellate': () => ({ jobId: 'job-2' }) });
    await flushPromises();
    const onDone = vi.fn();
    await api.emit({ kind: 'job.started', job: job('job-2', 'parcellate', 'Parcellate motor') });
    const id = await jobs.run(() => api.client.studyParcellate({ source: STUDY.handle }), { onDone });
    expect(id).toBe('job-2');
    expect(jobs.jobs.value.map((j) => [j.jobId, j.state])).toEqual([['job-2', 'running']]);

    const progress = { phase: 'parcellate', done: 1, total: 6, etaSeconds: 12, item: 'sub-01_ses-1_task-motor' };
    await api.emit({ kind: 'job.progress', jobId: 'job-2', progress });
    expect(jobs.progressOf('job-2')).toEqual(progress);
    expect(onDone).not.toHaveBeenCalled();

    await api.emit({ kind: 'job.done', jobId: 'job-2', outcome: { job: 'parcellate', result: PARCELLATED } });
    expect(onDone).toHaveBeenCalledExactlyOnceWith(PARCELLATED);
    expect(jobs.jobs.value[0].state).toBe('done');
  });

  it('keeps the newest job first', async () => {
    const { api, jobs } = setup();
    await api.emit({ kind: 'job.started', job: { ...job('job-1', 'demoStudy', 'Demo'), startedAt: '2026-12-01T22:00:00.000Z' } });
    await api.emit({ kind: 'job.started', job: { ...job('job-2', 'parcellate', 'Parcellate'), startedAt: '2026-12-01T22:05:00.000Z' } });
    expect(jobs.jobs.value.map((j) => j.jobId)).toEqual(['job-2', 'job-1']);
  });

  it('tells a follower a job was cancelled, with its error, and marks it cancelled', async () => {
    const { api, jobs } = setup();
    await api.emit({ kind: 'job.started', job: job('job-4', 'parcellate', 'Parcellate') });
    const onFailed = vi.fn();
    jobs.follow('job-4', { onFailed });
    const error = { name: 'Cancelled', code: 'CANCELLED', message: 'Cancelled by the user' };
    await api.emit({ kind: 'job.failed', jobId: 'job-4', error, cancelled: true });
    expect(onFailed).toHaveBeenCalledExactlyOnceWith(error, true);
    expect(jobs.jobs.value[0]).toMatchObject({ state: 'cancelled', error });
  });

  it('delivers an end that came before the follower at once (a job faster than its start call)', async () => {
    const { api, jobs } = setup({ 'study.parcellate': async () => {
      await api.emit({ kind: 'job.started', job: job('job-5', 'parcellate', 'Parcellate') });
      await api.emit({ kind: 'job.done', jobId: 'job-5', outcome: { job: 'parcellate', result: PARCELLATED } });
      return { jobId: 'job-5' };
    } });
    const onDone = vi.fn();
    await jobs.run(() => api.client.studyParcellate({ source: STUDY.handle }), { onDone });
    expect(onDone).toHaveBeenCalledExactlyOnceWith(PARCELLATED);
  });

  it('replays a training job\u2019s events to a late follower, only the latest batch of a run of batches', async () => {
    const { api, jobs } = setup();
    await api.emit({ kind: 'job.started', job: job('job-6', 'train', 'Train') });
    const batch = (b: number) => ({ kind: 'batch' as const, payload: { epoch: 1, batch: b, batches: 3, loss: 1 / b, accuracy: 0.5, etaSeconds: 3 - b } });
    const epoch = { kind: 'epoch' as const, payload: { epoch: 1, trainLoss: 0.7, trainAccuracy: 0.5, valLoss: 0.8, valAccuracy: 0.4, improved: true, bestEpoch: 1, seconds: 2, etaSeconds: 10, liveTensors: 40 } };
    for (const event of [batch(1), batch(2), batch(3), epoch, batch(1)]) await api.emit({ kind: 'job.train', jobId: 'job-6', event });
    const seen: unknown[] = [];
    jobs.follow('job-6', { onTrain: (e) => seen.push(e) });
    expect(seen).toEqual([batch(3), epoch, batch(1)]);
    await api.emit({ kind: 'job.train', jobId: 'job-6', event: batch(2) });
    expect(seen.at(-1)).toEqual(batch(2));
  });

  it('stops calling a follower that unfollowed', async () => {
    const { api, jobs } = setup();
    const onDone = vi.fn();
    const stop = jobs.follow('job-8', { onDone });
    stop();
    await api.emit({ kind: 'job.done', jobId: 'job-8', outcome: { job: 'parcellate', result: PARCELLATED } });
    expect(onDone).not.toHaveBeenCalled();
  });

  it('lists jobs it has no event for, and after a lost connection ends the ones that ended meanwhile', async () => {
    let listed = [job('job-9', 'train', 'Train lstm')];
    const { api, jobs } = setup({ 'jobs.list': () => ({ jobs: listed }) });
    await flushPromises();
    expect(jobs.jobs.value.map((j) => j.title)).toEqual(['Train lstm']);
    const onFailed = vi.fn();
    jobs.follow('job-9', { onFailed });
    const error = { name: 'WorkerExitError', code: 'WORKER_EXIT', message: 'The worker died', resumable: true };
    listed = [{ ...listed[0], state: 'failed', error }];
    await jobs.resync();
    expect(onFailed).toHaveBeenCalledExactlyOnceWith(error, false);
    expect(jobs.jobs.value[0].state).toBe('failed');
    expect(api.callsTo('jobs.list')).toHaveLength(2);
  });

  it('cancels through jobs.cancel', async () => {
    const { api, jobs } = setup({ 'jobs.cancel': () => ({}) });
    await jobs.cancel('job-3');
    expect(api.callsTo('jobs.cancel')).toEqual([{ jobId: 'job-3' }]);
  });
});
