import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChannelName } from '../../src/api/index.js';
import { StudyError } from '../../src/errors.js';
import type { Handlers, ServiceContext } from '../../src/service/context.js';
import { dispatcher } from '../../src/service/dispatch.js';

const ctx = {} as ServiceContext;
const call = (handlers: Partial<Handlers<ChannelName>>) => dispatcher(handlers as Handlers<ChannelName>, ctx);

afterEach(() => vi.restoreAllMocks());

describe('dispatch', () => {
  it('answers ok with the checked response, the handler getting the checked request', async () => {
    const seen: unknown[] = [];
    const answer = call({ 'jobs.cancel': async (request) => (seen.push(request), {}) });
    expect(await answer('jobs.cancel', { jobId: 'job-7' })).toEqual({ ok: true, value: {} });
    expect(seen).toEqual([{ jobId: 'job-7' }]);
  });

  it('answers a response that breaks its schema as INTERNAL with the payload error’s message, logged once per channel', async () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const answer = call({ 'jobs.list': async () => ({ jobs: 'none' }) as never });
    const first = await answer('jobs.list', {});
    expect(first).toEqual({
      ok: false,
      error: { name: 'Error', code: 'INTERNAL', message: 'response of jobs.list: jobs = "none"; expected an array' },
    });
    await answer('jobs.list', {});
    expect(write.mock.calls.filter(([text]) => String(text).includes('response of jobs.list'))).toHaveLength(1);
  });

  it('answers a handler’s InputError with its fields and a crash as INTERNAL, never rejecting', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const answer = call({
      'study.open': async () => {
        throw new StudyError('STUDY_EMPTY', '/data/study', 'runs', 0, 'at least one run');
      },
      'jobs.list': async () => {
        throw new TypeError('boom');
      },
    });
    expect(await answer('study.open', { source: 'h_AAAAAAAAAAAAAAAAAAAAAAAA' })).toEqual({
      ok: false,
      error: { name: 'StudyError', code: 'STUDY_EMPTY', message: '/data/study: runs = 0; expected at least one run', input: { file: '/data/study', field: 'runs', value: 0, expected: 'at least one run' } },
    });
    expect(await answer('jobs.list', {})).toEqual({ ok: false, error: { name: 'TypeError', code: 'INTERNAL', message: 'boom' } });
  });

  it('never runs the handler of a refused request', async () => {
    const handler = vi.fn(async () => ({}));
    const answer = call({ 'jobs.cancel': handler });
    expect(await answer('jobs.cancel', { jobId: 7 })).toMatchObject({ ok: false, error: { code: 'API_PAYLOAD', input: { field: 'jobId' } } });
    expect(await answer('jobs.kill', {})).toMatchObject({ ok: false, error: { code: 'API_CHANNEL' } });
    expect(handler).not.toHaveBeenCalled();
  });
});
