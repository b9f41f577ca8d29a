import { expect, vi } from 'vitest';
import type { ApiEvent, ChannelName, ChannelRequest, ChannelResponse } from '../../../src/api/index.js';
import type { ApiResult, Service } from '../../../src/service/types.js';

/**
 * Calls as a renderer makes them, for the service suites: `call` for one that must succeed
 * (its error shown when it does not), `refusal` for one that must fail, and a job's events
 * and its end. `service` and `events` are read at each call (suites make them in beforeAll).
 */
export function serviceCalls(service: () => Service, events: () => readonly ApiEvent[], timeout = 240_000) {
  const call = async <C extends ChannelName>(channel: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>> => {
    const result: ApiResult = await service().call(channel, request);
    if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
    return result.value as ChannelResponse<C>;
  };
  const refusal = async (channel: ChannelName, request: unknown) => {
    const result = await service().call(channel, request);
    expect(result.ok).toBe(false);
    return (result as Extract<ApiResult, { ok: false }>).error;
  };
  const jobEvents = (jobId: string) => events().filter((e) => (e.kind === 'job.started' ? e.job.jobId : 'jobId' in e ? e.jobId : null) === jobId);
  /** The job's last event once it ended (job.done or job.failed). */
  const ended = (jobId: string, wait = timeout) => vi.waitFor(() => {
    const end = jobEvents(jobId).find((e) => e.kind === 'job.done' || e.kind === 'job.failed');
    if (!end) throw new Error(`${jobId} still running`);
    return end;
  }, { timeout: wait, interval: 50 });
  return { call, refusal, jobEvents, ended };
}
