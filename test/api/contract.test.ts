/**
 * Every channel refuses a malformed request with the specific error (API_PAYLOAD naming the
 * field and what it expected), through the service as every transport calls it. That each
 * response schema accepts what the core returns is covered by test/service/flow.test.ts: the
 * service checks every response against its schema and answers INTERNAL when one does not fit.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNEL_NAMES, CHANNELS, type ChannelName } from '../../src/api/index.js';
import { BACKEND_CHOICES } from '../../src/model/backend/types.js';
import { createService } from '../../src/service/create-service.js';
import type { ApiResult, Service } from '../../src/service/types.js';
import { suiteTempDir } from '../helpers/temp-tree.js';

const H = 'h_AAAAAAAAAAAAAAAAAAAAAAAA';

/** A request each schema accepts (the handler never runs in these tests: the request is refused first). */
const VALID: { [C in ChannelName]: Record<string, unknown> } = {
  'app.info': {},
  'workspace.open': { folder: H },
  'workspace.list': {},
  'files.roots': {},
  'files.browse': { handle: H },
  'files.pick': { kind: 'folder' },
  'study.open': { source: H },
  'study.demo': {},
  'study.inspect': { file: H },
  'study.parcellate': { source: H, atlas: { labels: H } },
  'study.qc': { source: H, run: 'sub-01_task-motor', regions: ['Precentral_L'] },
  'atlas.describe': {},
  'dataset.preview': { source: H, design: { window: 8 } },
  'dataset.build': { source: H, design: {}, name: 'ds' },
  'train.backend': { choice: 'auto' },
  'train.start': { dataset: 'ds', name: 'r1', training: { epochs: 2 } },
  'train.resume': { run: 'r1' },
  'train.run': { run: 'r1' },
  'saliency.compute': { run: 'r1', method: 'ig', options: { steps: 8, baseline: 'zeros' }, tsr: { alpha: 0.5 }, maskedAccuracy: [0.1], randomisation: 'cascading' },
  'saliency.view': { run: 'r1', result: 'grad' },
  'saliency.sample': { run: 'r1', result: 'grad', position: 0 },
  'brain.volumes': { run: 'r1', template: { kind: 'ch2bet' } },
  'report.export': { run: 'r1', result: 'grad', name: 'report-1', formats: ['tsv', 'html'], folder: H },
  'files.open': { folder: H, file: 'report.html' },
  'jobs.list': {},
  'jobs.cancel': { jobId: 'job-1' },
};

/** One hand-picked mistake per channel, deep where the request has depth, with what the error must say. */
const MISTAKES: { [C in ChannelName]: { request: unknown; field: string; expected: string } } = {
  'app.info': { request: { verbose: true }, field: 'verbose', expected: 'no such field' },
  'workspace.open': { request: { folder: '/etc' }, field: 'folder', expected: 'a file handle issued by the app (h_…)' },
  'workspace.list': { request: { all: 1 }, field: 'all', expected: 'no such field' },
  'files.roots': { request: { path: '/' }, field: 'path', expected: 'no such field' },
  'files.browse': { request: { handle: '../..' }, field: 'handle', expected: 'a file handle issued by the app (h_…)' },
  'files.pick': { request: { kind: 'drive' }, field: 'kind', expected: 'one of folder, file' },
  'study.open': { request: { source: H, space: '' }, field: 'space', expected: 'a string of length ≥ 1' },
  'study.demo': { request: { seed: 3 }, field: 'seed', expected: 'no such field' },
  'study.inspect': { request: { file: 7 }, field: 'file', expected: 'a string' },
  'study.parcellate': { request: { source: H, atlas: { names: H } }, field: 'atlas.labels', expected: 'a string' },
  'study.qc': { request: { source: H, run: 'r', regions: [] }, field: 'regions', expected: 'an array of length ≥ 1' },
  'atlas.describe': { request: { atlas: { labels: H, allowUnnamed: 'yes' } }, field: 'atlas.allowUnnamed', expected: 'true or false' },
  'dataset.preview': { request: { source: H, design: { window: 0 } }, field: 'design.window', expected: 'an integer ≥ 1' },
  'dataset.build': { request: { source: H, design: {}, name: '../x' }, field: 'name', expected: 'a name of letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit)' },
  'train.backend': { request: { choice: 'cuda' }, field: 'choice', expected: `one of ${BACKEND_CHOICES.join(', ')}` },
  'train.start': { request: { dataset: 'ds', name: 'r1', training: { epochs: 1.5 } }, field: 'training.epochs', expected: 'an integer' },
  'train.resume': { request: { run: 'r1', backend: 'tpu' }, field: 'backend', expected: `one of ${BACKEND_CHOICES.join(', ')}` },
  'train.run': { request: {}, field: 'run', expected: 'a string' },
  'saliency.compute': { request: { run: 'r1', method: 'grad', options: { steps: 0 } }, field: 'options.steps', expected: 'an integer ≥ 1' },
  'saliency.view': { request: { run: 'r1', result: 'grad/../x' }, field: 'result', expected: 'a name of letters, digits, ".", "_" and "-" (at most 64, starting with a letter or digit)' },
  'saliency.sample': { request: { run: 'r1', result: 'grad', position: -1 }, field: 'position', expected: 'an integer ≥ 0' },
  'brain.volumes': { request: { run: 'r1', template: { kind: 'file', file: '/tmp/t1.nii' } }, field: 'template.file', expected: 'a file handle issued by the app (h_…)' },
  'report.export': { request: { run: 'r1', result: 'grad', name: 'r', formats: ['docx'] }, field: 'formats[0]', expected: 'one of tsv, csv, nifti, npy, json, html, pdf' },
  'files.open': { request: { folder: H, file: '../secret' }, field: 'file', expected: 'a file name inside the folder' },
  'jobs.list': { request: { newest: true }, field: 'newest', expected: 'no such field' },
  'jobs.cancel': { request: { jobId: 'job-x' }, field: 'jobId', expected: 'a job id (job-N)' },
};

let service: Service;
beforeAll(async () => {
  service = await createService({ mode: 'browser', workspace: path.join(await suiteTempDir(), 'ws'), roots: [], version: '0.0.0-test' });
});
afterAll(() => service.close());

const shapeOf = (c: ChannelName) => (CHANNELS[c].request as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
const requiredFields = (c: ChannelName) => Object.entries(shapeOf(c)).filter(([, s]) => !s.safeParse(undefined).success).map(([k]) => k);
/** A value of another type than the field takes. */
const wrongValue = (schema: z.ZodType) => [12345, 'not-it', true, { nested: 1 }, [1]].find((v) => !schema.safeParse(v).success);

function expectPayloadError(result: ApiResult, field: string, expected?: string) {
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error).toMatchObject({ name: 'ApiPayloadError', code: 'API_PAYLOAD', input: { field } });
  expect(result.error.input!.expected.length).toBeGreaterThan(0);
  if (expected !== undefined) expect(result.error.input!.expected).toBe(expected);
}

describe.each(CHANNEL_NAMES)('%s', (channel) => {
  it('refuses the hand-picked mistake naming its field and what was expected', async () => {
    const m = MISTAKES[channel];
    const result = await service.call(channel, m.request);
    expectPayloadError(result, m.field, m.expected);
    if (!result.ok) expect(result.error.input!.file).toBe(`request to ${channel}`);
  });

  it('refuses an extra field by its name', async () => {
    expectPayloadError(await service.call(channel, { ...VALID[channel], surplus: 1 }), 'surplus', 'no such field');
  });

  it('refuses each required field left out, by its name', async () => {
    for (const field of requiredFields(channel)) {
      const { [field]: _gone, ...rest } = VALID[channel];
      const result = await service.call(channel, rest);
      expectPayloadError(result, field);
      if (!result.ok) expect(result.error.input!.value).toBe('(missing)');
    }
  });

  it('refuses a value of the wrong type at each field, by its name', async () => {
    for (const [field, schema] of Object.entries(shapeOf(channel))) {
      expectPayloadError(await service.call(channel, { ...VALID[channel], [field]: wrongValue(schema) }), field);
    }
  });

  it('refuses a request that is not an object', async () => {
    for (const request of [null, 'x', [VALID[channel]]]) expect(await service.call(channel, request)).toMatchObject({ ok: false, error: { code: 'API_PAYLOAD' } });
  });
});

describe('channels', () => {
  it('refuses an unknown channel by name with API_CHANNEL', async () => {
    expect(await service.call('study.delete', {})).toMatchObject({
      ok: false, error: { code: 'API_CHANNEL', input: { file: 'request', field: 'channel', value: 'study.delete', expected: expect.stringContaining('study.open') } },
    });
  });

  it('refuses a channel name that is not a string, and one inherited from Object', async () => {
    for (const name of [42, null, 'toString', '__proto__']) expect(await service.call(name, {})).toMatchObject({ ok: false, error: { code: 'API_CHANNEL' } });
  });

  it('has a valid example and a mistake for every channel of the contract', () => {
    expect(Object.keys(VALID).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const c of CHANNEL_NAMES) expect(CHANNELS[c].request.safeParse(VALID[c]).success).toBe(true);
  });
});
