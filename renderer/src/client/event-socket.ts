import { parseEvent, type ApiEvent } from '../../../src/api/index.js';
import type { Connection } from './connection.js';

export interface EventSocketOptions {
  url: string;
  connection: Connection;
  WebSocket?: typeof WebSocket;
  /** Delay before the first reconnection attempt, doubled each failure up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * The browser-mode event stream: one WebSocket, reopened with backoff whenever it closes, each
 * message checked against the event schema (a malformed one is dropped with a warning, never
 * handed to a screen). Opens on the first subscription.
 */
export function createEventSocket(options: EventSocketOptions) {
  const Socket = options.WebSocket ?? globalThis.WebSocket;
  const { connection } = options;
  const firstDelay = options.firstDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 10_000;
  const listeners = new Set<(event: ApiEvent) => void>();
  let socket: WebSocket | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function open(): void {
    const ws = new Socket(options.url);
    socket = ws;
    ws.onopen = () => {
      if (connection.state === 'lost') connection.reopened += 1;
      connection.state = 'open';
      connection.attempts = 0;
    };
    ws.onmessage = (message: MessageEvent) => deliver(message.data);
    ws.onclose = () => {
      if (socket !== ws || closed) return;
      socket = null;
      connection.state = 'lost';
      const delay = Math.min(maxDelay, firstDelay * 2 ** connection.attempts);
      connection.attempts += 1;
      timer = setTimeout(open, delay);
    };
  }

  function deliver(data: unknown): void {
    let event: ApiEvent;
    try {
      event = parseEvent(typeof data === 'string' ? JSON.parse(data) : data);
    } catch (error) {
      console.warn('Dropped a malformed event:', error instanceof Error ? error.message : error);
      return;
    }
    for (const listener of [...listeners]) listener(event);
  }

  return {
    subscribe(listener: (event: ApiEvent) => void): () => void {
      listeners.add(listener);
      if (!socket && !timer && !closed) open();
      return () => listeners.delete(listener);
    },
    /** Stops reconnecting and closes the socket (tests; the app keeps it for its lifetime). */
    close(): void {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close();
      socket = null;
    },
  };
}
