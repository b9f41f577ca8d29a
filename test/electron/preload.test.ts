import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, methodName, type ApiBridge } from '../../src/api/index.js';
import { packageRoot } from '../../src/assets.js';
import * as electron from './mock-electron.js';
import { ipcRenderer, recorded, reset, webUtils } from './mock-electron.js';

const bundle = path.join(packageRoot(), 'dist', 'electron', 'preload.cjs');
let code = '';
let context: vm.Context;
const required: string[] = [];

// Bundled afresh from the sources (as `npm run build` does), then read as Electron would load it.
beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(packageRoot(), 'scripts', 'bundle-preload.js')]);
  code = await readFile(bundle, 'utf8');
});

/**
 * Runs the bundle in a fresh context whose `require` knows only `electron`, as a sandboxed
 * preload's does: any other require throws, so passing proves the file is self-contained.
 */
function loadPreload(): ApiBridge {
  reset();
  const module = { exports: {} };
  const require = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  context = vm.createContext({ require, module, exports: module.exports, console });
  vm.runInContext(code, context, { filename: bundle });
  return recorded.exposed.get('api') as ApiBridge;
}

let api: ApiBridge;
beforeEach(() => {
  api = loadPreload();
});

describe('the bundled preload', () => {
  it('is one file that requires only electron', () => {
    expect(new Set(required)).toEqual(new Set(['electron']));
  });

  it('exposes exactly one function per contract channel, named by methodName, plus onEvent, onMenuCommand and filesFromDrop', () => {
    expect([...recorded.exposed.keys()]).toEqual(['api']);
    const expected = [...CHANNEL_NAMES.map(methodName), 'onEvent', 'onMenuCommand', 'filesFromDrop'];
    expect(Object.keys(api).sort()).toEqual([...expected].sort());
    for (const name of expected) expect([name, typeof (api as unknown as Record<string, unknown>)[name]]).toEqual([name, 'function']);
    expect(api).not.toHaveProperty('invoke');
  });

  it('refuses a malformed request in the preload, as an API_PAYLOAD envelope naming the field, without invoking main', async () => {
    const answer = await api.jobsCancel({ jobId: 'seven' } as never);
    expect(answer).toMatchObject({ ok: false, error: { code: 'API_PAYLOAD', input: { file: 'request to jobs.cancel', field: 'jobId', value: 'seven' } } });
    expect(await api.appInfo(undefined as never)).toMatchObject({ ok: false, error: { code: 'API_PAYLOAD', input: { file: 'request to app.info' } } });
    expect(await api.studyOpen({ handle: 'h_aaaaaaaaaaaaaaaa', extra: true } as never)).toMatchObject({ ok: false, error: { code: 'API_PAYLOAD' } });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('invokes main on the channel with a valid request and resolves to main\'s envelope; a failed invoke becomes an error envelope', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { jobs: [] } });
    expect(await api.jobsList({})).toEqual({ ok: true, value: { jobs: [] } });
    expect(ipcRenderer.invoke.mock.calls).toEqual([['jobs.list', {}]]);
    // Made in the preload's own context, as Electron's invoke rejects there.
    ipcRenderer.invoke.mockRejectedValueOnce(vm.runInContext(`new Error("No handler registered for 'jobs.cancel'")`, context));
    expect(await api.jobsCancel({ jobId: 'job-3' })).toEqual({ ok: false, error: { name: 'Error', code: 'INTERNAL', message: "No handler registered for 'jobs.cancel'" } });
  });

  it('passes checked events to onEvent listeners, drops malformed ones, and stops after the unsubscribe', () => {
    const seen: unknown[] = [];
    const unsubscribe = api.onEvent((event) => seen.push(event));
    ipcRenderer.emit('api:event', {}, { kind: 'workspace.changed' });
    ipcRenderer.emit('api:event', {}, { kind: 'job.progress', jobId: 'job-1', progress: { phase: 'train', done: -1, total: 3, etaSeconds: null } });
    ipcRenderer.emit('api:event', {}, { kind: 'no.such.event' });
    unsubscribe();
    ipcRenderer.emit('api:event', {}, { kind: 'workspace.changed' });
    expect(seen).toEqual([{ kind: 'workspace.changed' }]);
    expect(ipcRenderer.listenerCount('api:event')).toBe(0);
  });

  it('passes only known menu commands to onMenuCommand', () => {
    const seen: unknown[] = [];
    api.onMenuCommand((command) => seen.push(command));
    ipcRenderer.emit('menu:command', {}, 'open-study');
    ipcRenderer.emit('menu:command', {}, 'rm -rf');
    expect(seen).toEqual(['open-study']);
  });

  it('sends a dropped file\'s path, from webUtils.getPathForFile, on files.drop', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { handle: 'h_aaaaaaaaaaaaaaaa', path: '/data/study', kind: 'folder' } });
    const file = { path: '/data/study' } as unknown as File;
    expect(await api.filesFromDrop(file)).toEqual({ ok: true, value: { handle: 'h_aaaaaaaaaaaaaaaa', path: '/data/study', kind: 'folder' } });
    expect(webUtils.getPathForFile).toHaveBeenCalledWith(file);
    expect(ipcRenderer.invoke.mock.calls).toEqual([['files.drop', '/data/study']]);
  });
});
