import { fastifyCookie } from '@fastify/cookie';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { parseEvent } from '../api/index.js';
import type { Service } from '../service/types.js';
import { refuseHost, refuseOrigin, refuseToken, type Gate, type Refusal } from './gate.js';
import { presentedToken } from './session-token.js';

/** How long a client has to answer the server's close before its socket is cut. */
const CLOSE_WAIT_MS = 1000;

/** The one WebSocket path: the service's events, server → page only. */
export const EVENTS_PATH = '/api/events';

export interface EventSocketOptions {
  server: Server;
  service: Service;
  gate: Gate;
  log: (line: string) => void;
  /** How often each client is pinged; one that has not answered the last ping is dropped. */
  heartbeatMs?: number;
}

/**
 * Serves `GET /api/events` as a WebSocket: checks Host, token and Origin before upgrading
 * (a refusal is an HTTP status and a closed socket), then sends every service event, checked
 * against the contract, as one JSON text message. A client has nothing to say: any message
 * closes its socket with 1003. Returns what stops it (clients closed with 1001, listener removed).
 */
export function attachEventSocket({ server, service, gate, log, heartbeatMs = 30_000 }: EventSocketOptions): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  const alive = new WeakSet<WebSocket>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = refuseUpgrade(request, gate);
    if (refusal) return refuseSocket(socket, refusal);
    wss.handleUpgrade(request, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      ws.on('message', () => ws.close(1003, 'this socket only sends events'));
      ws.on('error', (err) => log(`events socket: ${err.message}`));
    });
  };
  server.on('upgrade', onUpgrade);

  const unsubscribe = service.onEvent((event) => {
    let text: string;
    try {
      text = JSON.stringify(parseEvent(event));
    } catch (err) {
      log(`event dropped (not in the contract): ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    for (const ws of wss.clients) if (ws.readyState === WebSocket.OPEN) ws.send(text);
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();

  return {
    async close() {
      clearInterval(heartbeat);
      unsubscribe();
      server.off('upgrade', onUpgrade);
      // 1001 tells the page the server is going away; a client that does not answer in time is cut off.
      const closing = [...wss.clients].map((ws) => new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close(1001, 'the server is stopping');
      }));
      const timer = setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
      }, CLOSE_WAIT_MS);
      await Promise.all(closing);
      clearTimeout(timer);
      wss.close();
    },
  };
}

function refuseUpgrade(request: IncomingMessage, gate: Gate): Refusal | { status: 404; message: string } | null {
  const host = request.headers.host;
  const hostRefused = refuseHost(gate, host);
  if (hostRefused) return hostRefused;
  const tokenRefused = refuseToken(gate, presentedToken(request.headers.authorization, fastifyCookie.parse(request.headers.cookie ?? '')));
  if (tokenRefused) return tokenRefused;
  const originRefused = refuseOrigin(request.headers.origin, host!);
  if (originRefused) return originRefused;
  if ((request.url ?? '').split('?')[0] !== EVENTS_PATH) return { status: 404, message: `Not found: WebSockets are served at ${EVENTS_PATH} only.` };
  return null;
}

/** Answers a refused upgrade with a plain HTTP status and closes the socket: no WebSocket is made. */
function refuseSocket(socket: Duplex, { status, message }: { status: number; message: string }): void {
  const reason = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found';
  const body = `${message}\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
