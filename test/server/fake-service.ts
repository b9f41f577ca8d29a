import { checkChannel, parseRequest, type ApiEvent } from '../../src/api/index.js';
import { toErrorData } from '../../src/service/error-data.js';
import type { Service } from '../../src/service/types.js';

/**
 * A Service that checks channel and request with the contract (as the real one does), records
 * each call and answers `jobs.list` with no jobs and anything else with `{}`; `emit` sends an
 * event (or anything, to test that a malformed one is dropped) to the subscribers.
 */
export function fakeService(): Service & { calls: [string, unknown][]; emit(event: unknown): void; listeners(): number } {
  const listeners = new Set<(event: ApiEvent) => void>();
  const calls: [string, unknown][] = [];
  return {
    calls,
    async call(channel, request) {
      try {
        const name = checkChannel(channel);
        calls.push([name, parseRequest(name, request)]);
        return { ok: true, value: name === 'jobs.list' ? { jobs: [] } : {} };
      } catch (err) {
        return { ok: false, error: toErrorData(err) };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    issueHandle: () => 'h_0000000000000000',
    async close() {},
    emit(event) {
      for (const l of listeners) l(event as ApiEvent);
    },
    listeners: () => listeners.size,
  };
}
