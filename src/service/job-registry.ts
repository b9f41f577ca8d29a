import type { z } from 'zod';
import { parseEvent, type ApiEvent, type ApiErrorData, type jobInfo, type jobKind, type jobOutcome, type progress, type trainEvent } from '../api/index.js';
import { isCancelled } from '../util/cancel.js';
import { toErrorData } from './error-data.js';
import { ServiceInputError } from './errors.js';
import { throttle } from './throttle.js';

export type JobKind = z.output<typeof jobKind>;
export type JobInfo = z.output<typeof jobInfo>;
export type JobResult<K extends JobKind> = Extract<z.output<typeof jobOutcome>, { job: K }>['result'];
export type ApiProgress = z.output<typeof progress>;
export type ApiTrainEvent = z.output<typeof trainEvent>;

/** What a running job is given: its cancel signal and where its progress and training events go. */
export interface JobControl {
  signal: AbortSignal;
  onProgress(progress: ApiProgress): void;
  onTrain(event: ApiTrainEvent): void;
}

export interface JobSpec<K extends JobKind> {
  kind: K;
  /** What the jobs list shows. */
  title: string;
  /**
   * The workspace entry the job writes (`runs/lstm-1`): no second job may write it meanwhile,
   * and the listing is stale once the job ends. `field` is the request field that named it.
   * null for a job whose output the listing does not show (the parcellation cache).
   */
  target: { name: string; path: string; field: string } | null;
  run(control: JobControl): Promise<JobResult<K>>;
}

export interface JobRegistry {
  /** Starts a job now and returns its id; a target another running job writes is refused (TARGET_BUSY). */
  start<K extends JobKind>(spec: JobSpec<K>): string;
  /** Throws TARGET_BUSY when a running job writes `target` (a check before reading what it writes). */
  refuseBusy(target: JobSpec<JobKind>['target']): void;
  /** Every job of this session, newest first. */
  list(): JobInfo[];
  /** Asks a running job to stop; an id never issued is JOB_UNKNOWN, a finished job is left as it is. */
  cancel(jobId: string): void;
  /** Cancels every running job and waits for all to end. */
  close(): Promise<void>;
}

export interface JobRegistryOptions {
  /** Least time between two progress (or batch) events of one job; default 100 ms (≤ 10 per second). */
  throttleMs?: number;
}

/**
 * Runs the app's long operations as jobs with ids, streaming their events to `emit`:
 * job.started, job.progress and job.train (throttled, the last one always sent before the
 * end), then job.done or job.failed (`cancelled` when the signal stopped it), and
 * workspace.changed once a job that wrote a workspace entry ends, however it ends. `emit`
 * must not throw (the service's catches what its listeners throw).
 */
export function createJobRegistry(emit: (event: ApiEvent) => void, options: JobRegistryOptions = {}): JobRegistry {
  const throttleMs = options.throttleMs ?? 100;
  const jobs: JobInfo[] = [];
  const running = new Map<string, { abort: AbortController; ended: Promise<void> }>();
  const busy = new Map<string, string>();
  let next = 1;
  const reported = new Set<string>();

  /** Checks every event against the contract: one that fails is a bug, logged once per kind and not sent. */
  const send = (event: ApiEvent): boolean => {
    let checked: ApiEvent;
    try {
      checked = parseEvent(event);
    } catch (err) {
      if (!reported.has(event.kind)) {
        reported.add(event.kind);
        process.stderr.write(`saliency-studio: a ${event.kind} event does not match the contract: ${err instanceof Error ? err.message : String(err)}\n`);
      }
      return false;
    }
    emit(checked);
    return true;
  };

  const refuseBusy = (target: JobSpec<JobKind>['target']) => {
    const holder = target ? busy.get(target.path) : undefined;
    if (target && holder) {
      throw new ServiceInputError('TARGET_BUSY', target.path, target.field, target.name, `a name no running job writes (${holder} is writing ${target.name})`);
    }
  };

  const start = <K extends JobKind>(spec: JobSpec<K>): string => {
    refuseBusy(spec.target);
    const jobId = `job-${next++}`;
    const info: JobInfo = {
      jobId, kind: spec.kind, title: spec.title, state: 'running', startedAt: new Date().toISOString(), progress: null,
      target: spec.target?.name ?? null, error: null,
    };
    jobs.push(info);
    if (spec.target) busy.set(spec.target.path, jobId);
    const abort = new AbortController();
    const progress = throttle<ApiProgress>(throttleMs, (p) => send({ kind: 'job.progress', jobId, progress: p }));
    const batches = throttle<ApiTrainEvent>(throttleMs, (event) => send({ kind: 'job.train', jobId, event }));
    const control: JobControl = {
      signal: abort.signal,
      onProgress(p) {
        info.progress = p;
        progress.push(p);
      },
      onTrain(event) {
        if (event.kind === 'batch') return batches.push(event);
        batches.flush(); // keeps batches before the epoch they belong to
        send({ kind: 'job.train', jobId, event });
      },
    };

    // The job's state is final (and its target free) before its last event, so a listener may act on it at once.
    const fail = (error: unknown) => {
      const cancelled = isCancelled(error);
      const data: ApiErrorData = toErrorData(error);
      if (data.code === 'INTERNAL') process.stderr.write(`saliency-studio: ${jobId} (${spec.kind}) failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      Object.assign(info, { state: cancelled ? 'cancelled' : 'failed', error: data });
      send({ kind: 'job.failed', jobId, error: data, cancelled });
    };
    const finish = (outcome: { result: unknown } | { error: unknown }) => {
      progress.flush();
      batches.flush();
      if (spec.target) busy.delete(spec.target.path);
      if ('error' in outcome) fail(outcome.error);
      else {
        info.state = 'done';
        const sent = send({ kind: 'job.done', jobId, outcome: { job: spec.kind, result: outcome.result } as never });
        if (!sent) fail(new Error(`the ${spec.kind} job's result does not match the contract (see the log)`));
      }
      if (spec.target) send({ kind: 'workspace.changed' });
      running.delete(jobId);
    };

    send({ kind: 'job.started', job: { ...info } });
    let pending: Promise<unknown>;
    try {
      pending = spec.run(control);
    } catch (error) {
      pending = Promise.reject(error);
    }
    const ended = pending.then((result) => finish({ result }), (error: unknown) => finish({ error }));
    running.set(jobId, { abort, ended });
    return jobId;
  };

  return {
    start,
    refuseBusy,
    list: () => jobs.map((j) => ({ ...j })).reverse(),
    cancel(jobId) {
      if (!jobs.some((j) => j.jobId === jobId)) throw new ServiceInputError('JOB_UNKNOWN', 'request to jobs.cancel', 'jobId', jobId, 'a job of this session (see jobs.list)');
      running.get(jobId)?.abort.abort();
    },
    async close() {
      const all = [...running.values()];
      for (const job of all) job.abort.abort();
      await Promise.all(all.map((job) => job.ended));
    },
  };
}
