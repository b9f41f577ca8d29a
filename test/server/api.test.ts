import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorData } from '../../src/api/index.js';
import { startFixture, type Fixture } from './fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

/** The envelope every /api answer carries. */
const envelopeOf = async (res: Response) => (await res.json()) as { ok: boolean; value?: unknown; error: ApiErrorData };

const call = (channel: string, body: string | Buffer, type = 'application/json') =>
  fetch(`${f.server.origin}/api/${channel}`, { method: 'POST', headers: { ...f.auth, 'content-type': type }, body });

describe('POST /api/<channel>', () => {
  it('forwards the request to service.call and answers its envelope', async () => {
    const res = await call('jobs.cancel', JSON.stringify({ jobId: 'job-7' }));
    expect(res.status).toBe(200);
    expect(await envelopeOf(res)).toEqual({ ok: true, value: {} });
    expect(f.service.calls.at(-1)).toEqual(['jobs.cancel', { jobId: 'job-7' }]);
  });

  it('a malformed request is 400 with the field, value and expectation', async () => {
    const res = await call('jobs.cancel', JSON.stringify({ jobId: 'nope' }));
    expect(res.status).toBe(400);
    const body = await envelopeOf(res);
    expect(body.ok).toBe(false);
    expect(body.error).toMatchObject({ name: 'ApiPayloadError', code: 'API_PAYLOAD', input: { file: 'request to jobs.cancel', field: 'jobId', value: 'nope' } });
    expect(body.error.input?.expected).toMatch(/job id/);
  });

  it('an unknown channel is 404 naming it', async () => {
    const res = await call('files.delete', '{}');
    expect(res.status).toBe(404);
    const body = await envelopeOf(res);
    expect(body.error).toMatchObject({ code: 'API_CHANNEL', input: { field: 'channel', value: 'files.delete' } });
  });

  it('a body over 1 MiB is 413 and never reaches the service', async () => {
    const before = f.service.calls.length;
    const big = JSON.stringify({ jobId: 'x'.repeat(1024 * 1024) });
    const res = await call('jobs.cancel', big);
    expect(res.status).toBe(413);
    const body = await envelopeOf(res);
    expect(body.error).toMatchObject({ code: 'API_PAYLOAD', input: { file: 'request to jobs.cancel', field: 'body', value: `${Buffer.byteLength(big)} bytes` } });
    expect(f.service.calls.length).toBe(before);
  });

  it('a body of exactly 1 MiB is read (the limit is not lower than it says)', async () => {
    const padding = 1024 * 1024 - JSON.stringify({ jobId: '' }).length;
    const res = await call('jobs.cancel', JSON.stringify({ jobId: 'x'.repeat(padding) }));
    expect(res.status).toBe(400);
    expect((await envelopeOf(res)).error.input?.field).toBe('jobId');
  });

  it('text, a form or no content type is 415: another page cannot post without a preflight', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await call('jobs.cancel', '{"jobId":"job-1"}', type);
      expect([type, res.status]).toEqual([type, 415]);
      expect((await envelopeOf(res)).error).toMatchObject({ code: 'API_PAYLOAD', input: { field: 'content-type', expected: 'application/json' } });
    }
    const bare = await fetch(`${f.server.origin}/api/jobs.list`, { method: 'POST', headers: f.auth });
    expect(bare.status).toBe(415);
    expect((await envelopeOf(bare)).error.input).toMatchObject({ field: 'content-type', value: '(missing)' });
  });

  it('broken JSON is 400 with the envelope error', async () => {
    const res = await call('jobs.cancel', '{"jobId": ');
    expect(res.status).toBe(400);
    const body = await envelopeOf(res);
    expect(body).toMatchObject({ ok: false, error: { code: 'API_PAYLOAD', input: { file: 'request to jobs.cancel', field: 'body', expected: 'valid JSON, without __proto__ or constructor.prototype keys' } } });
  });

  it('a JSON body with __proto__ is refused, not merged', async () => {
    const res = await call('jobs.cancel', '{"jobId":"job-1","__proto__":{"polluted":true}}');
    expect(res.status).toBe(400);
    expect((await envelopeOf(res)).error.input).toMatchObject({ field: 'body', value: '(not parseable)' });
    expect(f.service.calls.some(([, request]) => (request as { jobId?: string }).jobId === 'job-1')).toBe(false);
  });

  it('GET and other methods on /api/* are 405 with Allow: POST', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${f.server.origin}/api/jobs.list`, { method, headers: f.auth });
      expect([method, res.status, res.headers.get('allow')]).toEqual([method, 405, 'POST']);
      expect((await envelopeOf(res)).error.code).toBe('API_METHOD');
    }
    expect((await fetch(`${f.server.origin}/api/events`, { headers: f.auth })).status).toBe(405);
  });
});
