import { ref, type Ref } from 'vue';
import type { ApiClient, ApiErrorData } from '../../../src/api/index.js';
import { perClient } from './per-client.js';
import type { ApiEvent, JobInfo, Progress, TrainEvent } from '../types.js';

export interface JobHandlers {
  onTrain?(event: TrainEvent): void;
  onDone?(result: unknown): void;
  onFailed?(error: ApiErrorData, cancelled: boolean): void;
}

export interface JobsStore {
  /** Every job of the session, newest first, kept live by the events. */
  jobs: Ref<JobInfo[]>;
  progressOf(jobId: string): Progress | null;
  /**
   * Calls the handlers for a job: its training events so far (every one but superseded batch
   * events) and then live ones, and its end — at once if it has already ended. Returns the unfollow.
   */
  follow(jobId: string, handlers: JobHandlers): () => void;
  cancel(jobId: string): Promise<void>;
  /** Starts a job and follows it; resolves to its id once started (rejects as `start` does). */
  run(start: () => Promise<{ jobId: string }>, handlers?: JobHandlers): Promise<string>;
  /** Reloads the list from `jobs.list` (after a lost connection: ends missed meanwhile are delivered). */
  resync(): Promise<void>;
}

type Ending = { kind: 'done'; result: unknown } | { kind: 'failed'; error: ApiErrorData; cancelled: boolean };

/** The jobs of the session, one store per client (call in a component's setup). */
export const useJobs: () => JobsStore = perClient(createJobsStore);

function createJobsStore(client: ApiClient): JobsStore {
  const jobs = ref<JobInfo[]>([]);
  const endings = new Map<string, Ending>();
  const trainLog = new Map<string, TrainEvent[]>();
  const followers = new Map<string, Set<JobHandlers>>();
  let refreshing: Promise<void> | null = null;

  const find = (jobId: string) => jobs.value.find((job) => job.jobId === jobId);

  function upsert(job: JobInfo): void {
    const index = jobs.value.findIndex((j) => j.jobId === job.jobId);
    if (index >= 0) jobs.value[index] = job;
    else jobs.value = [job, ...jobs.value].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  function end(jobId: string, ending: Ending): void {
    if (endings.has(jobId)) return;
    endings.set(jobId, ending);
    const job = find(jobId);
    if (job) {
      job.state = ending.kind === 'done' ? 'done' : ending.cancelled ? 'cancelled' : 'failed';
      if (ending.kind === 'failed') job.error = ending.error;
    } else {
      refresh();
    }
    for (const handlers of [...(followers.get(jobId) ?? [])]) deliverEnd(handlers, ending);
  }

  function deliverEnd(handlers: JobHandlers, ending: Ending): void {
    if (ending.kind === 'done') handlers.onDone?.(ending.result);
    else handlers.onFailed?.(ending.error, ending.cancelled);
  }

  function logTrain(jobId: string, event: TrainEvent): void {
    const log = trainLog.get(jobId) ?? [];
    // Only the latest batch matters to a late follower (the bar); epochs make the curves.
    if (event.kind === 'batch' && log.at(-1)?.kind === 'batch') log[log.length - 1] = event;
    else log.push(event);
    trainLog.set(jobId, log);
  }

  function onEvent(event: ApiEvent): void {
    switch (event.kind) {
      case 'job.started':
        upsert(event.job);
        return;
      case 'job.progress': {
        const job = find(event.jobId);
        if (job) job.progress = event.progress;
        else refresh();
        return;
      }
      case 'job.train':
        logTrain(event.jobId, event.event);
        for (const handlers of [...(followers.get(event.jobId) ?? [])]) handlers.onTrain?.(event.event);
        return;
      case 'job.done':
        end(event.jobId, { kind: 'done', result: event.outcome.result });
        return;
      case 'job.failed':
        end(event.jobId, { kind: 'failed', error: event.error, cancelled: event.cancelled });
        return;
      default:
        return;
    }
  }

  /**
   * Reloads the list. With `deliverEnds` (after a lost connection), jobs that ended meanwhile are
   * ended here too, without their result; otherwise an ending waits for its event, which carries it.
   */
  async function reload(deliverEnds: boolean): Promise<void> {
    try {
      const { jobs: listed } = await client.jobsList({});
      for (const job of listed) {
        // An ending the events already delivered keeps its state; the list may lag behind it.
        if (endings.has(job.jobId)) continue;
        if (job.state === 'running' || !deliverEnds) {
          upsert(job);
          continue;
        }
        upsert({ ...job, state: 'running' });
        end(job.jobId, job.state === 'done'
          ? { kind: 'done', result: undefined }
          : { kind: 'failed', error: job.error ?? { name: 'Error', code: 'UNKNOWN', message: `The job was ${job.state}.` }, cancelled: job.state === 'cancelled' });
      }
    } catch (error) {
      console.warn('Could not list jobs:', error instanceof Error ? error.message : error);
    }
  }

  function refresh(): void {
    refreshing ??= reload(false).finally(() => (refreshing = null));
  }

  function follow(jobId: string, handlers: JobHandlers): () => void {
    const set = followers.get(jobId) ?? new Set();
    followers.set(jobId, set);
    set.add(handlers);
    for (const event of trainLog.get(jobId) ?? []) handlers.onTrain?.(event);
    const ending = endings.get(jobId);
    if (ending) deliverEnd(handlers, ending);
    return () => set.delete(handlers);
  }

  client.onEvent(onEvent);
  refresh();

  return {
    jobs,
    progressOf: (jobId) => find(jobId)?.progress ?? null,
    follow,
    async cancel(jobId) {
      await client.jobsCancel({ jobId });
    },
    async run(start, handlers) {
      const { jobId } = await start();
      if (!find(jobId)) refresh();
      if (handlers) follow(jobId, handlers);
      return jobId;
    },
    resync: () => reload(true),
  };
}
