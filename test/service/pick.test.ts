import { mkdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/service/create-service.js';
import { tempDir } from '../helpers/temp-tree.js';

/** A service as the Electron shell makes it: its native dialog answers with `picked`. */
async function desktop(picked: () => string | null) {
  const base = await realpath(await tempDir());
  const outside = path.join(base, 'elsewhere');
  await mkdir(path.join(outside, 'study'), { recursive: true });
  await writeFile(path.join(outside, 'study', 'run.tsv'), '');
  const requests: unknown[] = [];
  const service = await createService({
    mode: 'electron', workspace: path.join(base, 'ws'), roots: [], version: '1.0.0',
    pick: async (request) => (requests.push(request), picked()),
  });
  return { service, outside, requests };
}

describe('the native dialog (files.pick) and issueHandle', () => {
  it('hands out a handle for the picked folder, browsable although outside the roots', async () => {
    const { service, outside, requests } = await desktop(() => outside);
    expect(await service.call('app.info', {})).toMatchObject({ ok: true, value: { mode: 'electron', nativeDialogs: true } });
    const picked = await service.call('files.pick', { kind: 'folder', title: 'Open a study' });
    expect(requests).toEqual([{ kind: 'folder', title: 'Open a study' }]);
    expect(picked).toMatchObject({ ok: true, value: { path: outside } });
    const handle = (picked as { value: { handle: string } }).value.handle;
    const listing = await service.call('files.browse', { handle });
    expect(listing).toMatchObject({ ok: true, value: { path: outside, parent: null, entries: [{ name: 'study', kind: 'folder' }] } });
    await service.close();
  });

  it('answers a cancelled dialog with no handle and no path', async () => {
    const { service } = await desktop(() => null);
    expect(await service.call('files.pick', { kind: 'file' })).toEqual({ ok: true, value: { handle: null, path: null } });
  });

  it('keeps a path the shell issued reachable as a root of its own (no parent), a file in it refused as a folder', async () => {
    const { service, outside } = await desktop(() => null);
    const handle = service.issueHandle(path.join(outside, 'study'));
    const listing = await service.call('files.browse', { handle });
    expect(listing).toMatchObject({ ok: true, value: { parent: null, entries: [{ name: 'run.tsv', kind: 'file' }] } });
    const up = service.issueHandle(path.join(outside, 'study', 'run.tsv'));
    expect(await service.call('files.browse', { handle: up })).toMatchObject({ ok: false, error: { code: 'FILE_KIND' } });
  });
});
