import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/api/csp.js';
import { startFixture, type Fixture } from './fixture.js';
import { rawRequest } from './raw-http.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

const corsHeaders = (headers: Headers) => [...headers.keys()].filter((k) => k.toLowerCase().startsWith('access-control-'));

describe('no CORS, ever', () => {
  const evil = { origin: 'https://evil.example' };
  it('GET, POST, OPTIONS (preflight) and a 401 carry no Access-Control-* header', async () => {
    const responses = await Promise.all([
      fetch(`${f.server.origin}/`, { headers: { ...evil, ...f.auth } }),
      fetch(`${f.server.origin}/api/jobs.list`, { method: 'POST', headers: { ...evil, ...f.auth, 'content-type': 'application/json' }, body: '{}' }),
      fetch(`${f.server.origin}/api/jobs.list`, { method: 'OPTIONS', headers: { ...evil, ...f.auth, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } }),
      fetch(`${f.server.origin}/`, { method: 'OPTIONS', headers: { ...evil, 'access-control-request-method': 'GET' } }),
      fetch(`${f.server.origin}/api/jobs.list`, { method: 'POST', headers: evil }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 401, 401]);
    for (const r of responses) expect(corsHeaders(r.headers)).toEqual([]);
  });
});

describe('security headers', () => {
  const expectedCsp = (port: number) =>
    `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws://127.0.0.1:${port}; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'`;

  it('the page, the SPA fallback, an asset, the API and a 401 carry the CSP and the others', async () => {
    const responses = await Promise.all([
      fetch(`${f.server.origin}/`, { headers: f.auth }),
      fetch(`${f.server.origin}/study/some/deep/route`, { headers: f.auth }),
      fetch(`${f.server.origin}/assets/app.js`, { headers: f.auth }),
      fetch(`${f.server.origin}/api/jobs.list`, { method: 'POST', headers: { ...f.auth, 'content-type': 'application/json' }, body: '{}' }),
      fetch(`${f.server.origin}/`),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 401]);
    for (const r of responses) {
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toBe(expectedCsp(f.server.port));
      expect(csp).not.toMatch(/unsafe-eval/);
      expect(csp).not.toMatch(/https?:/);
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
      expect(r.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(r.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
  });

  it('the CSP names the WebSocket at the Host the page was loaded from', async () => {
    const res = await rawRequest(f.server.port, '/', { headers: { host: `localhost:${f.server.port}`, ...f.auth } });
    expect(res.headers['content-security-policy']).toContain(`connect-src 'self' ws://localhost:${f.server.port};`);
  });

  it('a refused Host gets the CSP of the server\'s own address, not of the Host it sent', async () => {
    const res = await rawRequest(f.server.port, '/', { headers: { host: 'evil.example' } });
    expect(res.status).toBe(403);
    expect(res.headers['content-security-policy']).toBe(expectedCsp(f.server.port));
  });
});

describe('contentSecurityPolicy', () => {
  it('adds the connect sources after self, and nothing else varies', () => {
    expect(contentSecurityPolicy({ connect: [] })).toContain("connect-src 'self'; ");
    expect(contentSecurityPolicy({ connect: ['ws://127.0.0.1:5000', 'ws:'] })).toContain("connect-src 'self' ws://127.0.0.1:5000 ws:; ");
  });

  it('refuses a source that would inject a directive', () => {
    expect(() => contentSecurityPolicy({ connect: ["ws://x; script-src 'unsafe-eval'"] })).toThrow(/CSP connect source/);
    expect(() => contentSecurityPolicy({ connect: ["'unsafe-eval'"] })).toThrow(/CSP connect source/);
  });
});
