import { describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../src/api/index.js';
import { StudyError } from '../../src/errors.js';
import { createJobRegistry, type JobControl } from '../../src/service/job-registry.js';
import { throwIfCancelled } from '../../src/util/cancel.js';

const parcellation = { runs: [], imported: ['sub-01_task-x'] };
const progress = (done: number) => ({ phase: 'runs', done, total: 50, etaSeconds: null });

function registry() {
  const events: ApiEvent[] = [];
  const jobs = createJobRegistry((e) => events.push(e), { throttleMs: 100 });
  const ended = (jobId: string) => vi.waitFor(() => {
    if (!events.some((e) => (e.kind === 'job.done' || e.kind === 'job.failed') && e.jobId === jobId)) throw new Error('still running');
  });
  return { events, jobs, ended };
}

/** A job that runs until its signal is aborted, then stops as operations do. */
const untilCancelled = ({ signal }: JobControl) => new Promise<never>((_, reject) => {
  signal.addEventListener('abort', () => {
    try {
      throwIfCancelled(signal);
    } catch (err) {
      reject(err);
    }
  });
});

describe('job registry', () => {
  it('sends a burst of progress as its first and last value, the last before job.done', async () => {
    const { events, jobs, ended } = registry();
    const jobId = jobs.start({
      kind: 'parcellate', title: 'Parcellate', target: null,
      run: async ({ onProgress }) => {
        for (let i = 1; i <= 50; i++) onProgress(progress(i));
        return parcellation;
      },
    });
    await ended(jobId);
    expect(events.map((e) => e.kind)).toEqual(['job.started', 'job.progress', 'job.progress', 'job.done']);
    const sent = events.flatMap((e) => (e.kind === 'job.progress' ? [e.progress.done] : []));
    expect(sent).toEqual([1, 50]);
    expect(events.at(-1)).toEqual({ kind: 'job.done', jobId, outcome: { job: 'parcellate', result: parcellation } });
    expect(jobs.list()[0]).toMatchObject({ jobId, state: 'done', progress: progress(50), target: null, error: null });
  });

  it('sends progress at most every 100 ms while a job runs', async () => {
    const { events, jobs, ended } = registry();
    const jobId = jobs.start({
      kind: 'parcellate', title: 'Parcellate', target: null,
      run: async ({ onProgress }) => {
        for (let i = 1; i <= 40; i++) {
          onProgress(progress(i));
          await new Promise((r) => setTimeout(r, 10));
        }
        return parcellation;
      },
    });
    await ended(jobId);
    const sent = events.filter((e) => e.kind === 'job.progress');
    expect(sent.length).toBeGreaterThanOrEqual(3);
    expect(sent.length).toBeLessThanOrEqual(7); // ≈ 400 ms at ≤ 10 per second, plus the last
    expect(sent.at(-1)).toMatchObject({ progress: { done: 40 } });
  });

  it('keeps every epoch event and throttles batches, sending the waiting batch before its epoch', async () => {
    const { events, jobs, ended } = registry();
    const batch = (b: number) => ({ kind: 'batch' as const, payload: { epoch: 1, batch: b, batches: 20, loss: 1, accuracy: 0.5, etaSeconds: 1 } });
    const epoch = { kind: 'epoch' as const, payload: { epoch: 1, trainLoss: 1, trainAccuracy: 0.5, valLoss: 1, valAccuracy: 0.5, improved: true, bestEpoch: 1, seconds: 1, etaSeconds: 0, liveTensors: 3 } };
    const jobId = jobs.start({
      kind: 'train', title: 'Train', target: null,
      run: async ({ onTrain }) => {
        for (let b = 1; b <= 20; b++) onTrain(batch(b));
        onTrain(epoch);
        return { run: 'r', epochs: 1, bestEpoch: 1, valAccuracy: 0.5, testAccuracy: 0.5 };
      },
    });
    await ended(jobId);
    const train = events.flatMap((e) => (e.kind === 'job.train' ? [e.event.kind === 'batch' ? `batch ${e.event.payload.batch}` : e.event.kind] : []));
    expect(train).toEqual(['batch 1', 'batch 20', 'epoch']);
  });

  it('ends a cancelled job with job.failed cancelled, state cancelled, then workspace.changed for its target', async () => {
    const { events, jobs, ended } = registry();
    const jobId = jobs.start({ kind: 'train', title: 'Train r', target: { name: 'r', path: '/ws/runs/r', field: 'name' }, run: untilCancelled });
    jobs.cancel(jobId);
    await ended(jobId);
    const failed = events.find((e) => e.kind === 'job.failed');
    expect(failed).toEqual({ kind: 'job.failed', jobId, cancelled: true, error: { name: 'Cancelled', code: 'CANCELLED', message: 'cancelled' } });
    expect(events.at(-1)).toEqual({ kind: 'workspace.changed' });
    expect(jobs.list()[0]).toMatchObject({ state: 'cancelled', target: 'r', error: { code: 'CANCELLED' } });
  });

  it('ends a throwing job with job.failed carrying the error’s fields, not cancelled', async () => {
    const { events, jobs, ended } = registry();
    const jobId = jobs.start({
      kind: 'buildDataset', title: 'Build d', target: null,
      run: async () => {
        throw new StudyError('STUDY_TR', '/s/sub-01_bold.json', 'RepetitionTime', 0, 'a number > 0');
      },
    });
    await ended(jobId);
    expect(events.at(-1)).toEqual({
      kind: 'job.failed', jobId, cancelled: false,
      error: {
        name: 'StudyError', code: 'STUDY_TR', message: '/s/sub-01_bold.json: RepetitionTime = 0; expected a number > 0',
        input: { file: '/s/sub-01_bold.json', field: 'RepetitionTime', value: 0, expected: 'a number > 0' },
      },
    });
    expect(jobs.list()[0].state).toBe('failed');
  });

  it('refuses a second job writing the same target while the first runs, and allows it after', async () => {
    const { jobs, ended } = registry();
    const target = { name: 'lstm-1', path: '/ws/runs/lstm-1', field: 'name' };
    const first = jobs.start({ kind: 'train', title: 'Train', target, run: untilCancelled });
    expect(() => jobs.start({ kind: 'train', title: 'Train again', target, run: untilCancelled })).toThrow(expect.objectContaining({
      code: 'TARGET_BUSY', field: 'name', value: 'lstm-1', expected: `a name no running job writes (${first} is writing lstm-1)`,
    }));
    // Another target runs alongside.
    const other = jobs.start({ kind: 'train', title: 'Train other', target: { ...target, name: 'x', path: '/ws/runs/x' }, run: untilCancelled });
    jobs.cancel(first);
    await ended(first);
    const again = jobs.start({ kind: 'train', title: 'Train again', target, run: untilCancelled });
    expect(jobs.list().map((j) => j.jobId)).toEqual([again, other, first]);
    await jobs.close();
  });

  it('has the job final and its target free by the time its last event arrives', async () => {
    const seen: string[] = [];
    const target = { name: 'd', path: '/ws/datasets/d', field: 'name' };
    const jobs = createJobRegistry((e) => {
      if (e.kind !== 'job.done') return;
      seen.push(jobs.list()[0].state);
      jobs.refuseBusy(target); // throws TARGET_BUSY while the job still holds it
      seen.push('free');
    });
    jobs.start({ kind: 'parcellate', title: 'P', target, run: async () => parcellation });
    await vi.waitFor(() => expect(seen).toEqual(['done', 'free']));
  });

  it('refuses to cancel a job id it never issued; cancelling a finished job changes nothing', async () => {
    const { jobs, ended } = registry();
    expect(() => jobs.cancel('job-99')).toThrow(expect.objectContaining({ code: 'JOB_UNKNOWN', field: 'jobId', value: 'job-99' }));
    const jobId = jobs.start({ kind: 'parcellate', title: 'P', target: null, run: async () => parcellation });
    await ended(jobId);
    jobs.cancel(jobId);
    expect(jobs.list()[0].state).toBe('done');
  });

  it('fails a job whose result breaks the contract as INTERNAL instead of sending it', async () => {
    const { events, jobs, ended } = registry();
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const jobId = jobs.start({ kind: 'parcellate', title: 'P', target: null, run: async () => ({ runs: 'none' }) as never });
    await ended(jobId);
    write.mockRestore();
    expect(events.at(-1)).toMatchObject({ kind: 'job.failed', cancelled: false, error: { code: 'INTERNAL' } });
    expect(events.some((e) => e.kind === 'job.done')).toBe(false);
  });

  it('close cancels every running job and waits for each to end', async () => {
    const { events, jobs } = registry();
    const a = jobs.start({ kind: 'train', title: 'a', target: null, run: untilCancelled });
    const b = jobs.start({ kind: 'parcellate', title: 'b', target: null, run: untilCancelled });
    await jobs.close();
    const failed = events.filter((e) => e.kind === 'job.failed').map((e) => [e.jobId, e.cancelled]);
    expect(failed).toEqual([[a, true], [b, true]]);
  });
});
