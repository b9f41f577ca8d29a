import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixture, APP_JS, DOTFILE, INDEX_HTML, SECRET, type Fixture } from './fixture.js';
import { rawRequest } from './raw-http.js';

let f: Fixture;
let bare: Fixture;
beforeAll(async () => {
  [f, bare] = await Promise.all([startFixture(), startFixture({ built: false })]);
});
afterAll(() => Promise.all([f.close(), bare.close()]));

describe('the built renderer', () => {
  it('/ is index.html, not cached; an asset is served with its type', async () => {
    const page = await fetch(`${f.server.origin}/`, { headers: f.auth });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toBe(INDEX_HTML);
    const asset = await fetch(`${f.server.origin}/assets/app.js`, { headers: f.auth });
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(await asset.text()).toBe(APP_JS);
  });

  it('an unknown GET outside /api is index.html (the page routes it); under /api it is not', async () => {
    const route = await fetch(`${f.server.origin}/train/runs?sort=acc`, { headers: f.auth });
    expect([route.status, await route.text()]).toEqual([200, INDEX_HTML]);
    const api = await fetch(`${f.server.origin}/api`, { headers: f.auth });
    expect(api.status).toBe(404);
    expect(await api.text()).not.toContain(INDEX_HTML);
  });

  it('a POST outside /api is 404, not the page', async () => {
    const res = await fetch(`${f.server.origin}/somewhere`, { method: 'POST', headers: f.auth });
    expect(res.status).toBe(404);
  });

  it('without a build, / and every page route answer 503 saying how to build it', async () => {
    for (const p of ['/', '/study']) {
      const res = await fetch(`${bare.server.origin}${p}`, { headers: bare.auth });
      expect(res.status).toBe(503);
      expect(await res.text()).toContain('renderer not built: npm run build');
    }
    // The API still works: the service does not need the renderer.
    const api = await fetch(`${bare.server.origin}/api/jobs.list`, { method: 'POST', headers: { ...bare.auth, 'content-type': 'application/json' }, body: '{}' });
    expect(api.status).toBe(200);
  });
});

describe('path traversal out of the renderer folder', () => {
  // The secret sits in the folder above the served one; fetch would normalise these, node:http does not.
  const attempts = [
    '/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/%2E%2E/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%252e%252e/secret.txt', '//../secret.txt', '/.%2e/secret.txt', '/assets/..%00/../secret.txt',
  ];
  it.each(attempts)('GET %s does not return the file beside it', async (p) => {
    const res = await rawRequest(f.server.port, p, { headers: f.auth });
    expect(res.body).not.toContain(SECRET);
    expect([200, 400, 403, 404]).toContain(res.status);
    if (res.status === 200) expect(res.body).toBe(INDEX_HTML);
  });

  it('a dotfile inside the renderer folder is not served', async () => {
    for (const p of ['/.env', '/%2eenv']) {
      const res = await rawRequest(f.server.port, p, { headers: f.auth });
      expect(res.body).not.toContain(DOTFILE);
    }
  });
});
