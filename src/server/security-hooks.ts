import type { FastifyInstance, FastifyReply } from 'fastify';
import { refuseHost, refuseToken, type Gate, type Refusal } from './gate.js';
import { securityHeaders } from './security-headers.js';
import { presentedToken, SESSION_COOKIE, tokenMatches } from './session-token.js';

/**
 * Every request passes, in order: the Host check (403), then the token (401): as the session
 * cookie or a Bearer header. The printed URL `/?token=…` trades its token for the cookie and
 * redirects to `/`, so the token leaves the address bar and the history. `ownHost` (host:port
 * as printed) names the WebSocket in the CSP of answers to a Host that was refused.
 */
export function registerSecurityHooks(app: FastifyInstance, gate: Gate, ownHost: () => string): void {
  app.addHook('onRequest', async (request, reply) => {
    const hostRefused = refuseHost(gate, request.headers.host);
    if (hostRefused) return refuse(reply, hostRefused);
    const { path, query } = splitUrl(request.url);
    const urlToken = query.get('token');
    if (path === '/' && urlToken !== null && (request.method === 'GET' || request.method === 'HEAD')) {
      if (!tokenMatches(gate.token, urlToken)) return refuse(reply, refuseToken(gate, urlToken)!);
      reply.setCookie(SESSION_COOKIE, gate.token, { httpOnly: true, sameSite: 'strict', path: '/', secure: false });
      return reply.redirect('/', 303);
    }
    const tokenRefused = refuseToken(gate, presentedToken(request.headers.authorization, request.cookies));
    if (tokenRefused) return refuse(reply, tokenRefused);
  });

  app.addHook('onSend', async (request, reply) => {
    const host = request.headers.host;
    reply.headers(securityHeaders(host !== undefined && refuseHost(gate, host) === null ? host : ownHost()));
  });
}

function refuse(reply: FastifyReply, refusal: Refusal): FastifyReply {
  return reply.code(refusal.status).type('text/plain; charset=utf-8').send(`${refusal.message}\n`);
}

/** The path and query of a request target, read as written (no URL parsing, which would take `//x` for a host). */
function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, query: new URLSearchParams() } : { path: url.slice(0, q), query: new URLSearchParams(url.slice(q + 1)) };
}
