import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import type { Service } from '../service/types.js';
import { allowedHosts, hostPort, isWildcardHost } from './allowed-hosts.js';
import { BODY_LIMIT, registerApiRoutes } from './api-routes.js';
import { attachEventSocket } from './events-socket.js';
import { registerFileRoutes } from './file-routes.js';
import type { Gate } from './gate.js';
import { registerSecurityHooks } from './security-hooks.js';
import { newSessionToken } from './session-token.js';
import { registerStaticFiles } from './static-files.js';

export interface ServerOptions {
  service: Service;
  /** Where to listen (default 127.0.0.1: this machine only). */
  host?: string;
  /** 0 (default): a free port. */
  port?: number;
  /** Default: a fresh random token. */
  token?: string;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** Where the server reports what it dropped or failed at (one line each). */
  log?: (line: string) => void;
  /** Ping interval of the events WebSocket (default 30 s). */
  heartbeatMs?: number;
}

export interface RunningServer {
  /** The address to open: it carries the token, which the first visit trades for a cookie. */
  url: string;
  /** `http://host:port`, the only origin whose page may open the events WebSocket. */
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the built renderer and the contract over HTTP (`POST /api/<channel>`) and a
 * WebSocket (`/api/events`), behind a per-start token, a Host check and a strict CSP.
 */
export async function startServer({ service, host = '127.0.0.1', port = 0, token = newSessionToken(), staticDir, log = (line) => process.stderr.write(`${line}\n`), heartbeatMs }: ServerOptions): Promise<RunningServer> {
  const bindHost = host.replace(/^\[(.*)\]$/, '$1');
  const gate: Gate = { token, allowedHosts: new Set() };
  // A wildcard bind is reached, from this machine, at the loopback address.
  const urlHost = isWildcardHost(bindHost) ? '127.0.0.1' : bindHost;
  let origin = '';

  const app = Fastify({ bodyLimit: BODY_LIMIT, logger: false, forceCloseConnections: true });
  await app.register(fastifyCookie);
  registerSecurityHooks(app, gate, () => origin.slice('http://'.length));
  registerApiRoutes(app, service, log);
  registerFileRoutes(app, service);
  await registerStaticFiles(app, staticDir);

  await app.listen({ host: bindHost, port });
  const actualPort = (app.server.address() as AddressInfo).port;
  for (const allowed of allowedHosts(bindHost, actualPort)) gate.allowedHosts.add(allowed);
  origin = `http://${hostPort(urlHost, actualPort)}`;
  const events = attachEventSocket({ server: app.server, service, gate, log, heartbeatMs });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port: actualPort,
    token,
    async close() {
      await events.close();
      await app.close();
    },
  };
}
