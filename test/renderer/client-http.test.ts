// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError, CHANNEL_NAMES, methodName, type ApiEvent } from '../../src/api/index.js';
import { createHttpClient } from '../../renderer/src/client/http-client.js';

const LOCATION = { protocol: 'http:', host: '127.0.0.1:4312' };

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

class FakeSocket {
  static made: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  close(): void {
    this.onclose?.();
  }
}

function client(fetch: typeof globalThis.fetch) {
  return createHttpClient({ fetch, location: LOCATION, WebSocket: FakeSocket as unknown as typeof WebSocket });
}

afterEach(() => {
  FakeSocket.made = [];
  vi.useRealTimers();
});

describe('the HTTP client', () => {
  it('has one method per channel, named as the preload names them', () => {
    const { client: api } = client(vi.fn());
    for (const channel of CHANNEL_NAMES) expect(typeof (api as unknown as Record<string, unknown>)[methodName(channel)]).toBe('function');
    expect(typeof api.studyOpen).toBe('function');
  });

  it('refuses a request that fails its schema before anything is fetched, naming the field', async () => {
    const fetch = vi.fn();
    const { client: api } = client(fetch);
    const error = await api.studyOpen({ source: '/etc/passwd' }).catch((e: unknown) => e);
    expect(fetch).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(ApiCallError);
    expect((error as ApiCallError).input).toMatchObject({ file: 'request to study.open', field: 'source', value: '/etc/passwd' });
    expect((error as ApiCallError).input?.expected).toContain('h_');
  });

  it('posts the checked request as JSON to /api/<channel> with the session cookie and returns the value', async () => {
    const fetch = vi.fn(async () => jsonResponse({ ok: true, value: { jobId: 'job-3' } }));
    const { client: api } = client(fetch as unknown as typeof globalThis.fetch);
    await expect(api.studyDemo({})).resolves.toEqual({ jobId: 'job-3' });
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/study.demo');
    expect(init).toMatchObject({ method: 'POST', credentials: 'same-origin', body: '{}' });
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
  });

  it('unwraps an error envelope into ApiCallError with its code, field, value and expected', async () => {
    const error = {
      name: 'StudyError', code: 'STUDY_TR', message: 'sub-02_bold.nii.gz: pixdim[4] = 0; expected a TR',
      input: { file: 'sub-02_bold.nii.gz', field: 'pixdim[4]', value: 0, expected: 'a repetition time in seconds' },
    };
    const { client: api } = client(vi.fn(async () => jsonResponse({ ok: false, error }, 400)) as unknown as typeof globalThis.fetch);
    const thrown = await api.studyOpen({ source: 'h_study0000000000001' }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ApiCallError);
    expect(thrown).toMatchObject({ name: 'StudyError', code: 'STUDY_TR', message: error.message, input: error.input, resumable: false });
  });

  it('refuses an answer whose value does not match the response schema, naming the field', async () => {
    const { client: api } = client(vi.fn(async () => jsonResponse({ ok: true, value: { jobId: 42 } })) as unknown as typeof globalThis.fetch);
    const thrown = (await api.studyDemo({}).catch((e: unknown) => e)) as ApiCallError;
    expect(thrown).toBeInstanceOf(ApiCallError);
    expect(thrown.input).toMatchObject({ file: 'response of study.demo', field: 'jobId', value: 42 });
  });

  it('says to use the printed address when the server refuses the session', async () => {
    const { client: api } = client(vi.fn(async () => new Response('Unauthorized', { status: 401 })) as unknown as typeof globalThis.fetch);
    const thrown = (await api.appInfo({}).catch((e: unknown) => e)) as ApiCallError;
    expect(thrown.code).toBe('UNAUTHORIZED');
    expect(thrown.message).toContain('token');
  });

  it('turns a failed fetch into a NETWORK ApiCallError', async () => {
    const { client: api } = client(vi.fn(async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof globalThis.fetch);
    await expect(api.appInfo({})).rejects.toMatchObject({ code: 'NETWORK' });
  });

  it('delivers checked events from ws://<host>/api/events, drops malformed ones, and reconnects with backoff', async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { client: api, connection } = client(vi.fn());
    expect(FakeSocket.made).toHaveLength(0);
    const got: ApiEvent[] = [];
    api.onEvent((e) => got.push(e));
    expect(FakeSocket.made.map((s) => s.url)).toEqual(['ws://127.0.0.1:4312/api/events']);
    const first = FakeSocket.made[0];
    expect(connection.state).toBe('connecting');
    first.onopen?.();
    expect(connection.state).toBe('open');

    first.onmessage?.({ data: JSON.stringify({ kind: 'workspace.changed' }) });
    first.onmessage?.({ data: JSON.stringify({ kind: 'job.progress', jobId: 'job-1', progress: { phase: 'x', done: -1, total: 2, etaSeconds: null } }) });
    first.onmessage?.({ data: 'not json' });
    expect(got).toEqual([{ kind: 'workspace.changed' }]);
    expect(warn).toHaveBeenCalledTimes(2);

    first.close();
    expect(connection.state).toBe('lost');
    vi.advanceTimersByTime(499);
    expect(FakeSocket.made).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.made).toHaveLength(2);
    FakeSocket.made[1].close(); // still down: the next wait doubles
    vi.advanceTimersByTime(999);
    expect(FakeSocket.made).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.made).toHaveLength(3);
    FakeSocket.made[2].onopen?.();
    expect(connection).toMatchObject({ state: 'open', attempts: 0, reopened: 1 });
    FakeSocket.made[2].onmessage?.({ data: JSON.stringify({ kind: 'workspace.changed' }) });
    expect(got).toHaveLength(2);
    warn.mockRestore();
  });
});
