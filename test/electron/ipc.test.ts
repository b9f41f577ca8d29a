import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, type ApiEvent } from '../../src/api/index.js';
import { setupDrop } from '../../electron/setup-dialogs.js';
import { setupEvents } from '../../electron/setup-events.js';
import { setupIpc } from '../../electron/setup-ipc.js';
import { isTrustedSender } from '../../electron/sender.js';
import { tempDir } from '../helpers/temp-tree.js';
import { fakeService, fromFrame } from './fake-service.js';
import { BrowserWindow, recorded, reset } from './mock-electron.js';

beforeEach(reset);

const call = (channel: string, event: unknown, ...args: unknown[]) => recorded.ipcHandlers.get(channel)!(event, ...args);
const forbidden = (channel: string) => ({ ok: false, error: { name: 'ForbiddenSender', code: 'FORBIDDEN_SENDER', message: `${channel}: refused a call from a frame outside app://renderer` } });

describe('isTrustedSender', () => {
  it('trusts only a frame on app://renderer', () => {
    expect(isTrustedSender(fromFrame('app://renderer/index.html'))).toBe(true);
    for (const url of ['https://evil.example/', 'file:///work/main/dist/renderer/index.html', 'app://renderer.evil/', 'app://other/', 'app://x@renderer/', 'about:blank', '']) {
      expect([url, isTrustedSender(fromFrame(url))]).toEqual([url, false]);
    }
    expect(isTrustedSender(fromFrame(null))).toBe(false);
    expect(isTrustedSender({} as never)).toBe(false);
  });
});

describe('setupIpc', () => {
  it('registers one handler per contract channel and no other (the drop handler is setupDrop\'s)', () => {
    const { service } = fakeService();
    setupIpc(service);
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort());
    setupDrop(service);
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual([...CHANNEL_NAMES, 'files.drop'].sort());
  });

  it('answers a call from https://evil.example with FORBIDDEN_SENDER, on every channel, without calling the service', async () => {
    const { service, calls } = fakeService();
    setupIpc(service);
    for (const channel of CHANNEL_NAMES) expect(await call(channel, fromFrame('https://evil.example/'), {})).toEqual(forbidden(channel));
    expect(await call('study.open', fromFrame(null), {})).toEqual(forbidden('study.open'));
    expect(calls).toEqual([]);
  });

  it('forwards a call from app://renderer to the service as it came, and answers with the service\'s envelope', async () => {
    const { service, calls } = fakeService({ ok: false, error: { name: 'StudyError', code: 'STUDY_TR', message: 'no TR' } });
    setupIpc(service);
    const request = { source: { handle: 'h_aaaaaaaaaaaaaaaa' }, bogus: 1 };
    expect(await call('study.open', fromFrame('app://renderer/index.html'), request)).toEqual({ ok: false, error: { name: 'StudyError', code: 'STUDY_TR', message: 'no TR' } });
    expect(calls).toEqual([['study.open', request]]);
  });
});

describe('setupEvents', () => {
  it('sends each service event to the windows showing the app, and to no other', () => {
    const { service, emit } = fakeService();
    const unsubscribe = setupEvents(service);
    const app = new BrowserWindow();
    void app.loadURL('app://renderer/index.html');
    const stray = new BrowserWindow();
    void stray.loadURL('https://evil.example/');
    const event: ApiEvent = { kind: 'workspace.changed' };
    emit(event);
    expect(app.webContents.sent).toEqual([['api:event', event]]);
    expect(stray.webContents.sent).toEqual([]);
    unsubscribe();
    emit(event);
    expect(app.webContents.sent).toHaveLength(1);
  });
});

describe('files.drop', () => {
  it('answers a trusted drop of an existing file or folder with a handle issued by the service', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'sub-01_bold.nii.gz');
    await writeFile(file, 'x');
    await mkdir(path.join(dir, 'study'));
    const { service, issued } = fakeService();
    setupDrop(service);
    const trusted = fromFrame('app://renderer/index.html');
    expect(await call('files.drop', trusted, file)).toEqual({ ok: true, value: { handle: 'h_xxxxxxxxxxxxxxxx1', path: file, kind: 'file' } });
    expect(await call('files.drop', trusted, path.join(dir, 'study'))).toEqual({ ok: true, value: { handle: 'h_xxxxxxxxxxxxxxxx2', path: path.join(dir, 'study'), kind: 'folder' } });
    expect(issued).toEqual([file, path.join(dir, 'study')]);
  });

  it('refuses a drop from another frame, a missing path, a relative path or a non-string, naming the field; no handle is issued', async () => {
    const dir = await tempDir();
    const { service, issued } = fakeService();
    setupDrop(service);
    const trusted = fromFrame('app://renderer/index.html');
    expect(await call('files.drop', fromFrame('https://evil.example/'), dir)).toEqual(forbidden('files.drop'));
    const refusal = async (value: unknown) => {
      const answer = (await call('files.drop', trusted, value)) as { ok: false; error: { code: string; input: unknown } };
      return [answer.ok, answer.error.code, answer.error.input];
    };
    const missing = path.join(dir, 'gone');
    expect(await refusal(missing)).toEqual([false, 'NOT_FOUND', { file: 'request to files.drop', field: 'path', value: missing, expected: 'a file or folder that exists' }]);
    const expected = 'the absolute path of a dropped file or folder';
    expect(await refusal('relative/study')).toEqual([false, 'API_PAYLOAD', { file: 'request to files.drop', field: 'path', value: 'relative/study', expected }]);
    expect(await refusal(42)).toEqual([false, 'API_PAYLOAD', { file: 'request to files.drop', field: 'path', value: 'number', expected }]);
    expect(await refusal(`${dir}\0x`)).toEqual([false, 'API_PAYLOAD', { file: 'request to files.drop', field: 'path', value: `${dir}\0x`, expected }]);
    expect(issued).toEqual([]);
  });
});
