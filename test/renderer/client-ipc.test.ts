// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError, type ApiBridge, type ApiEvent } from '../../src/api/index.js';
import { chooseClient } from '../../renderer/src/client/choose-client.js';
import { createIpcClient } from '../../renderer/src/client/ipc-client.js';

/** A `window.api` whose methods answer what the test says, recording what they were called with. */
function bridge(methods: Record<string, (request: unknown) => Promise<unknown>>) {
  let listener: ((event: unknown) => void) | null = null;
  const api = {
    ...methods,
    onEvent: (l: (event: unknown) => void) => {
      listener = l;
      return () => (listener = null);
    },
  } as unknown as ApiBridge;
  return { api, send: (event: unknown) => listener?.(event) };
}

afterEach(() => {
  delete window.api;
});

describe('the Electron (window.api) client', () => {
  it('resolves to the value of an ok envelope', async () => {
    const studyDemo = vi.fn(async () => ({ ok: true, value: { jobId: 'job-7' } }));
    const client = createIpcClient(bridge({ studyDemo }).api);
    await expect(client.studyDemo({})).resolves.toEqual({ jobId: 'job-7' });
    expect(studyDemo).toHaveBeenCalledWith({});
  });

  it('unwraps an error envelope into ApiCallError with its fields and resumable flag', async () => {
    const error = {
      name: 'WorkerExitError', code: 'WORKER_EXIT', message: 'The worker stopped (exit code 137)', resumable: true,
      input: { file: 'runs/lstm-1', field: 'worker', value: 137, expected: 'a worker that exits with 0' },
    };
    const client = createIpcClient(bridge({ trainResume: async () => ({ ok: false, error }) }).api);
    const thrown = await client.trainResume({ run: 'lstm-1' }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ApiCallError);
    expect(thrown).toMatchObject({ code: 'WORKER_EXIT', resumable: true, input: error.input, message: error.message });
  });

  it('refuses a bad request without calling the bridge', async () => {
    const trainRun = vi.fn();
    const client = createIpcClient(bridge({ trainRun }).api);
    const thrown = (await client.trainRun({ run: '../../etc' }).catch((e: unknown) => e)) as ApiCallError;
    expect(trainRun).not.toHaveBeenCalled();
    expect(thrown.input).toMatchObject({ file: 'request to train.run', field: 'run', value: '../../etc' });
  });

  it('refuses an envelope that is neither ok nor an error', async () => {
    const client = createIpcClient(bridge({ appInfo: async () => ({ version: '1' }) }).api);
    await expect(client.appInfo({})).rejects.toMatchObject({ code: 'API_RESPONSE', input: { field: 'ok' } });
  });

  it('passes checked events on and drops malformed ones', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { api, send } = bridge({});
    const got: ApiEvent[] = [];
    const stop = createIpcClient(api).onEvent((e) => got.push(e));
    send({ kind: 'job.progress', jobId: 'job-1', progress: { phase: 'parcellate', done: 1, total: 4, etaSeconds: 3 } });
    send({ kind: 'job.exploded' });
    expect(got).toEqual([{ kind: 'job.progress', jobId: 'job-1', progress: { phase: 'parcellate', done: 1, total: 4, etaSeconds: 3 } }]);
    expect(warn).toHaveBeenCalledOnce();
    stop();
    send({ kind: 'workspace.changed' });
    expect(got).toHaveLength(1);
    warn.mockRestore();
  });

  it('is the client chosen when window.api exists (else the HTTP client, which fetches)', async () => {
    window.api = bridge({ appInfo: async () => ({ ok: false, error: { name: 'Error', code: 'FROM_IPC', message: 'ipc' } }) }).api;
    const fetch = vi.spyOn(globalThis, 'fetch');
    await expect(chooseClient().client.appInfo({})).rejects.toMatchObject({ code: 'FROM_IPC' });
    expect(chooseClient().connection.state).toBe('open');
    expect(fetch).not.toHaveBeenCalled();
    delete window.api;
    expect(chooseClient().connection.state).toBe('connecting');
    fetch.mockRestore();
  });
});
