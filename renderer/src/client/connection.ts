import { reactive } from 'vue';

/**
 * Whether the client receives events: `connecting` before the first open, `open`, or `lost`
 * (closed, retrying with backoff). Screens show a banner while lost, and resync when it reopens.
 */
export interface Connection {
  state: 'connecting' | 'open' | 'lost';
  /** Reconnection attempts since the connection was lost. */
  attempts: number;
  /** Times the connection reopened after being lost (a watcher on it resyncs lists). */
  reopened: number;
}

export function createConnection(state: Connection['state']): Connection {
  return reactive({ state, attempts: 0, reopened: 0 });
}

/** A transport that cannot drop (Electron IPC) or a test: always open. */
export function openConnection(): Connection {
  return createConnection('open');
}
