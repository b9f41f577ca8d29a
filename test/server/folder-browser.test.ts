import { mkdir, mkdtemp, realpath, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/create-server.js';
import { createService } from '../../src/service/create-service.js';
import type { Service } from '../../src/service/types.js';

// The real service over HTTP: roots = one folder holding a link out of it and a link inside it.
let dir: string;
let root: string;
let service: Service;
let server: RunningServer;

beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(tmpdir(), 'server-browse-')));
  root = path.join(dir, 'root');
  await mkdir(path.join(root, 'inside'), { recursive: true });
  await mkdir(path.join(dir, 'outside'));
  await writeFile(path.join(dir, 'outside', 'secret.nii'), 'not yours');
  await writeFile(path.join(root, 'inside', 'scan.nii'), 'yours');
  await symlink(path.join(dir, 'outside'), path.join(root, 'link-out'));
  await symlink(path.join(root, 'inside'), path.join(root, 'link-in'));
  service = await createService({ mode: 'browser', workspace: path.join(dir, 'workspace'), roots: [root], version: '0.0.0-test' });
  server = await startServer({ service, staticDir: path.join(dir, 'no-renderer'), log: () => {} });
});
afterAll(async () => {
  await server?.close();
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

async function call(channel: string, request: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.origin}/api/${channel}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return { status: res.status, body: await res.json() };
}

async function rootHandle(): Promise<string> {
  const { body } = await call('files.roots', {});
  const entry = body.value.roots.find((r: { path: string }) => r.path === root);
  if (!entry) throw new Error(`root ${root} not among ${JSON.stringify(body.value.roots)}`);
  return entry.handle;
}

describe('the folder browser over HTTP', () => {
  it('lists the roots it was started with (and the workspace), nothing else', async () => {
    const { status, body } = await call('files.roots', {});
    expect(status).toBe(200);
    expect(body.value.roots.map((r: { path: string }) => r.path).sort()).toEqual([path.join(dir, 'workspace'), root].sort());
  });

  it('does not list a symlink that leads out of the roots; lists one that stays inside', async () => {
    const { body } = await call('files.browse', { handle: await rootHandle() });
    expect(body.ok).toBe(true);
    expect(body.value.parent).toBeNull();
    expect(body.value.entries.map((e: { name: string; kind: string }) => [e.name, e.kind])).toEqual([['inside', 'folder'], ['link-in', 'folder']]);
  });

  it('refuses a listed link once it is pointed out of the roots (FILE_OUTSIDE_ROOTS)', async () => {
    const { body: listing } = await call('files.browse', { handle: await rootHandle() });
    const linkIn = listing.value.entries.find((e: { name: string }) => e.name === 'link-in').handle;
    expect((await call('files.browse', { handle: linkIn })).body.value.entries.map((e: { name: string }) => e.name)).toEqual(['scan.nii']);
    await unlink(path.join(root, 'link-in'));
    await symlink(path.join(dir, 'outside'), path.join(root, 'link-in'));
    const { status, body } = await call('files.browse', { handle: linkIn });
    expect(status).toBe(200);
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('FILE_OUTSIDE_ROOTS');
    expect(JSON.stringify(body)).not.toContain('secret.nii');
  });

  it('a folder below a root has a parent; the root has none, so there is no way above it', async () => {
    const { body: listing } = await call('files.browse', { handle: await rootHandle() });
    const inside = listing.value.entries.find((e: { name: string }) => e.name === 'inside').handle;
    const { body } = await call('files.browse', { handle: inside });
    expect(body.value.path).toBe(path.join(root, 'inside'));
    expect(body.value.parent).toBe(await rootHandle());
  });

  it('a path in place of a handle is 400 naming the field; a forged handle is refused', async () => {
    for (const bad of ['/etc', '../outside', `${root}/../outside`]) {
      const { status, body } = await call('files.browse', { handle: bad });
      expect([bad, status]).toEqual([bad, 400]);
      expect(body.error).toMatchObject({ code: 'API_PAYLOAD', input: { field: 'handle', value: bad } });
    }
    const forged = await call('files.browse', { handle: 'h_AAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(forged.body).toMatchObject({ ok: false, error: { code: 'FILE_HANDLE' } });
  });
});
