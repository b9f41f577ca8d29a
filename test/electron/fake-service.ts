import type { ApiEvent, ApiResult, Service } from '../../src/service/types.js';

/** A Service that records what reaches it: calls, issued handles, close; events on demand. */
export function fakeService(answer: ApiResult = { ok: true, value: { answered: true } }) {
  const calls: [unknown, unknown][] = [];
  const issued: string[] = [];
  const listeners = new Set<(event: ApiEvent) => void>();
  let closed = 0;
  const service: Service = {
    call: async (channel, request) => {
      calls.push([channel, request]);
      return answer;
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    issueHandle: (absolutePath) => {
      issued.push(absolutePath);
      return `h_${'x'.repeat(16)}${issued.length}`;
    },
    close: async () => {
      closed += 1;
    },
  };
  return { service, calls, issued, emit: (event: ApiEvent) => listeners.forEach((l) => l(event)), closed: () => closed };
}

/** The IPC event of a call from a frame showing `url` (null: no frame, as after it navigated away). */
export const fromFrame = (url: string | null) => ({ senderFrame: url === null ? null : { url }, sender: {} });
