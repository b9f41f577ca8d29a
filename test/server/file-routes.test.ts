import { mkdir, mkdtemp, readFile, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/create-server.js';
import { FILE_CSP } from '../../src/server/file-routes.js';
import { createService } from '../../src/service/create-service.js';
import type { Service } from '../../src/service/types.js';
import { rawRequest } from './raw-http.js';

// The real service over HTTP: a report folder in a root, with a link that leads out of the roots.
const REPORT_HTML = '<!doctype html><title>r</title><script>document.title = "ran"</script><p>Region importance</p>';
let dir: string;
let root: string;
let service: Service;
let server: RunningServer;
let auth: Record<string, string>;

beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(tmpdir(), 'server-files-')));
  root = path.join(dir, 'root');
  await mkdir(path.join(root, 'report'), { recursive: true });
  await mkdir(path.join(root, 'moved'), { recursive: true });
  await mkdir(path.join(dir, 'outside'));
  await writeFile(path.join(dir, 'outside', 'secret.txt'), 'not yours');
  await writeFile(path.join(root, 'report', 'report.html'), REPORT_HTML);
  await writeFile(path.join(root, 'report', 'region_importance.tsv'), 'region\tmean\nA\t0.5\n');
  await writeFile(path.join(root, 'moved', 'x.txt'), 'x');
  await symlink(path.join(dir, 'outside', 'secret.txt'), path.join(root, 'report', 'leak.txt'));
  service = await createService({ mode: 'browser', workspace: path.join(dir, 'workspace'), roots: [root], version: '0.0.0-test' });
  server = await startServer({ service, staticDir: path.join(dir, 'no-renderer'), log: () => {} });
  auth = { authorization: `Bearer ${server.token}` };
});
afterAll(async () => {
  await server?.close();
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

async function call(channel: string, request: unknown): Promise<any> {
  const res = await fetch(`${server.origin}/api/${channel}`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(request) });
  return res.json();
}

/** The handle of a folder directly in the root, through the folder browser as a page gets it. */
async function folderHandle(name: string): Promise<string> {
  const roots = (await call('files.roots', {})).value.roots as { path: string; handle: string }[];
  const listing = await call('files.browse', { handle: roots.find((r) => r.path === root)!.handle });
  return listing.value.entries.find((e: { name: string }) => e.name === name).handle;
}

describe('files.open in browser mode and the /files route', () => {
  it('answers a URL of this server that serves the file as written, sandboxed by its CSP', async () => {
    const folder = await folderHandle('report');
    const opened = await call('files.open', { folder, file: 'report.html' });
    expect(opened).toEqual({ ok: true, value: { opened: false, url: `/files/${folder}/report.html` } });
    const res = await fetch(`${server.origin}${opened.value.url}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(FILE_CSP);
    expect(FILE_CSP).toMatch(/^sandbox allow-scripts;/);
    expect(FILE_CSP).not.toContain('allow-same-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe(REPORT_HTML);

    const tsv = await fetch(`${server.origin}/files/${folder}/region_importance.tsv`, { headers: auth });
    expect(tsv.headers.get('content-type')).toBe('text/tab-separated-values; charset=utf-8');
    expect(await tsv.text()).toBe(await readFile(path.join(root, 'report', 'region_importance.tsv'), 'utf8'));
  });

  it('answers a folder without a file as its listing, linking its files', async () => {
    const folder = await folderHandle('report');
    const opened = await call('files.open', { folder });
    expect(opened.value).toEqual({ opened: false, url: `/files/${folder}/index` });
    const res = await fetch(`${server.origin}${opened.value.url}`, { headers: auth });
    expect(res.headers.get('content-security-policy')).toBe(FILE_CSP);
    const page = await res.text();
    expect([...page.matchAll(/href="([^"]+)"/g)].map((m) => m[1])).toEqual(['region_importance.tsv', 'report.html']);
  });

  it('refuses a request without the session token, and one to another Host', async () => {
    const folder = await folderHandle('report');
    const noToken = await fetch(`${server.origin}/files/${folder}/report.html`);
    expect(noToken.status).toBe(401);
    expect(await noToken.text()).not.toContain('Region importance');
    const otherHost = await rawRequest(server.port, `/files/${folder}/report.html`, { headers: { ...auth, host: 'evil.example' } });
    expect(otherHost.status).toBe(403);
    expect(otherHost.body).not.toContain('Region importance');
  });

  it('refuses a link that leads out of the folder, a path with a separator and an unknown handle', async () => {
    const folder = await folderHandle('report');
    const leak = await fetch(`${server.origin}/files/${folder}/leak.txt`, { headers: auth });
    expect(leak.status).toBe(403);
    expect(await leak.text()).not.toContain('not yours');
    expect(await call('files.open', { folder, file: 'leak.txt' })).toMatchObject({ ok: false, error: { code: 'FILE_OUTSIDE_ROOTS' } });
    const dotted = await rawRequest(server.port, `/files/${folder}/..%2F..%2Foutside%2Fsecret.txt`, { headers: auth });
    expect(dotted.status).toBe(404);
    expect(dotted.body).not.toContain('not yours');
    const unknown = await fetch(`${server.origin}/files/h_${'A'.repeat(24)}/report.html`, { headers: auth });
    expect(unknown.status).toBe(404);
  });

  it('refuses a folder handle whose folder became a link out of the roots since it was issued', async () => {
    const folder = await folderHandle('moved');
    await rename(path.join(root, 'moved'), path.join(dir, 'moved-away'));
    await symlink(path.join(dir, 'outside'), path.join(root, 'moved'));
    const res = await fetch(`${server.origin}/files/${folder}/secret.txt`, { headers: auth });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('not yours');
  });
});

describe('files.open in the desktop app', () => {
  it('hands the resolved file to the system opener and answers opened', async () => {
    const opened: string[] = [];
    const desktop = await createService({ mode: 'electron', workspace: path.join(dir, 'workspace'), roots: [root], version: '0.0.0-test', openPath: async (p) => { opened.push(p); } });
    try {
      const handle = desktop.issueHandle(path.join(root, 'report'));
      expect(await desktop.call('files.open', { folder: handle, file: 'report.html' })).toEqual({ ok: true, value: { opened: true, url: null } });
      expect(await desktop.call('files.open', { folder: handle })).toEqual({ ok: true, value: { opened: true, url: null } });
      expect(opened).toEqual([path.join(root, 'report', 'report.html'), path.join(root, 'report')]);
      expect(await desktop.call('files.open', { folder: handle, file: 'missing.html' })).toMatchObject({ ok: false, error: { code: 'FILE_MISSING' } });
    } finally {
      await desktop.close();
    }
  });
});
