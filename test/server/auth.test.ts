import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, INDEX_HTML, type Fixture } from './fixture.js';
import { rawRequest } from './raw-http.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

const post = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${f.server.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

describe('the session token', () => {
  it('is 32 random bytes in base64url, in the printed URL', () => {
    expect(f.server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(f.server.url).toBe(`http://127.0.0.1:${f.server.port}/?token=${f.server.token}`);
    expect(f.server.origin).toBe(`http://127.0.0.1:${f.server.port}`);
  });

  it('without it, the API and the page answer 401 with a plain message', async () => {
    const api = await post('/api/jobs.list');
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await api.text()).toMatch(/^Unauthorized: open the address the server printed/);
    const page = await fetch(`${f.server.origin}/`);
    expect(page.status).toBe(401);
    expect(await page.text()).not.toContain('Saliency Studio test page');
    const asset = await fetch(`${f.server.origin}/assets/app.js`);
    expect(asset.status).toBe(401);
    expect(f.service.calls).toEqual([]);
  });

  it('the printed URL sets an HttpOnly, SameSite=Strict cookie and redirects to / (303)', async () => {
    const res = await fetch(f.server.url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie') ?? '';
    const [pair, ...attributes] = cookie.split(';').map((s) => s.trim());
    expect(pair).toBe(`ss_session=${f.server.token}`);
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict']));
    expect(attributes).not.toContain('Secure');

    const page = await fetch(`${f.server.origin}/`, { headers: { cookie: pair } });
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(INDEX_HTML);
    const api = await post('/api/jobs.list', { cookie: pair });
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ ok: true, value: { jobs: [] } });
  });

  it('a Bearer header works as the cookie does', async () => {
    const res = await post('/api/jobs.list', f.auth);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: { jobs: [] } });
  });

  it('a wrong token is 401 in the URL, the cookie and the Bearer header, and sets no cookie', async () => {
    const wrong = f.server.token.slice(0, -1) + (f.server.token.endsWith('A') ? 'B' : 'A');
    const url = await fetch(`${f.server.origin}/?token=${wrong}`, { redirect: 'manual' });
    expect(url.status).toBe(401);
    expect(url.headers.get('set-cookie')).toBeNull();
    expect(await url.text()).toMatch(/wrong session token/);
    expect((await post('/api/jobs.list', { cookie: `ss_session=${wrong}` })).status).toBe(401);
    expect((await post('/api/jobs.list', { authorization: `Bearer ${wrong}` })).status).toBe(401);
    expect((await post('/api/jobs.list', { authorization: `Bearer ${f.server.token}x` })).status).toBe(401);
  });

  it('a token in the query of another path is not accepted', async () => {
    const res = await fetch(`${f.server.origin}/assets/app.js?token=${f.server.token}`);
    expect(res.status).toBe(401);
  });
});

describe('the Host check (DNS rebinding)', () => {
  it('a foreign Host is 403, even with the right token, and reaches no channel', async () => {
    const before = f.service.calls.length;
    const res = await rawRequest(f.server.port, '/api/jobs.list', {
      method: 'POST',
      headers: { host: `evil.example:${f.server.port}`, authorization: `Bearer ${f.server.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/does not answer to the host "evil.example:\d+"/);
    expect(f.service.calls.length).toBe(before);
  });

  it('is checked before the token: a foreign Host without a token is 403, not 401', async () => {
    expect((await rawRequest(f.server.port, '/', { headers: { host: 'evil.example' } })).status).toBe(403);
  });

  it('a loopback name on another port is 403', async () => {
    expect((await rawRequest(f.server.port, '/', { headers: { host: `127.0.0.1:${f.server.port + 1}`, ...f.auth } })).status).toBe(403);
  });

  it('127.0.0.1, localhost and [::1] with the port are answered', async () => {
    for (const host of [`127.0.0.1:${f.server.port}`, `localhost:${f.server.port}`, `[::1]:${f.server.port}`, `LOCALHOST:${f.server.port}`]) {
      const res = await rawRequest(f.server.port, '/', { headers: { host, ...f.auth } });
      expect([host, res.status]).toEqual([host, 200]);
    }
  });
});
