/**
 * `report.export` through `service.call` with the real job worker (dist must be built): into
 * the workspace's reports/ or a picked folder, and the desktop printer's PDF, all or nothing.
 */
import { mkdir, readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiEvent, ChannelName, ChannelRequest } from '../../src/api/index.js';
import { explain } from '../../src/app/explain.js';
import { saliencyResultDir, workspacePath } from '../../src/app/layout.js';
import { createService } from '../../src/service/create-service.js';
import type { Service, ServiceOptions } from '../../src/service/types.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { serviceCalls } from './helpers/service-calls.js';
import { workspaceWithRun } from './helpers/workspace-run.js';

const SLOW = 240_000;
let base: string;
let ws: string;
const services: Service[] = [];
// Each service numbers its jobs from job-1: events are kept per service.
const eventsOf = new Map<Service, ApiEvent[]>();

beforeAll(async () => {
  base = await realpath(await suiteTempDir());
  const made = await workspaceWithRun(base);
  ws = made.ws;
  await explain({ run: made.runDir, backend: 'cpu', out: saliencyResultDir(made.runDir, 'grad') });
}, SLOW);
afterAll(() => Promise.all(services.map((s) => s.close())));

async function serviceWith(options: Partial<ServiceOptions> = {}): Promise<Service> {
  const service = await createService({ mode: 'browser', workspace: ws, roots: [base], version: '0.0.0-test', ...options });
  const events: ApiEvent[] = [];
  service.onEvent((e) => events.push(e));
  eventsOf.set(service, events);
  services.push(service);
  return service;
}

const calls = (service: Service) => serviceCalls(() => service, () => eventsOf.get(service)!, SLOW);
const call = <C extends ChannelName>(service: Service, channel: C, request: ChannelRequest<C>) => calls(service).call(channel, request);
const ended = (service: Service, jobId: string) => calls(service).ended(jobId);
const jobEvents = (service: Service, jobId: string) => calls(service).jobEvents(jobId);
async function exported(service: Service, request: ChannelRequest<'report.export'>) {
  const { jobId } = await call(service, 'report.export', request);
  const end = await ended(service, jobId);
  if (end.kind !== 'job.done' || end.outcome.job !== 'exportReport') throw new Error(JSON.stringify(end));
  return { jobId, result: end.outcome.result };
}

describe('report.export', () => {
  it('writes the report into the workspace’s reports/<name> as a job, and answers a handle files.open takes', async () => {
    const service = await serviceWith();
    const { jobId, result } = await exported(service, { run: 'tiny', result: 'grad', name: 'first', formats: ['tsv', 'json'] });
    const out = workspacePath(ws, 'reports', 'first');
    expect(result.out).toBe(out);
    expect([...result.files].sort()).toEqual((await readdir(out)).sort());
    expect(result.files.some((f) => f.endsWith('.tsv'))).toBe(true);
    expect(jobEvents(service, jobId)[0]).toMatchObject({ kind: 'job.started', job: { kind: 'exportReport', target: 'first' } });
    expect(await call(service, 'files.open', { folder: result.handle })).toEqual({ opened: false, url: `/files/${result.handle}/index` });
  }, SLOW);

  it('writes into a picked folder, under the report’s name', async () => {
    const service = await serviceWith();
    const picked = path.join(base, 'picked');
    await mkdir(picked);
    const folder = service.issueHandle(picked);
    const { result } = await exported(service, { run: 'tiny', result: 'grad', name: 'mine', formats: ['json'], folder });
    expect(result.out).toBe(path.join(picked, 'mine'));
    expect((await readdir(result.out)).sort()).toEqual([...result.files].sort());
  }, SLOW);

  it('prints the PDF with the desktop printer from the report’s HTML, which it keeps only when asked for', async () => {
    const printed: [string, string, string][] = [];
    const printPdf = async (html: string, pdf: string) => {
      printed.push([html, pdf, await readFile(html, 'utf8')]);
      await writeFile(pdf, '%PDF-1.4 fake');
    };
    const service = await serviceWith({ printPdf });
    const { result } = await exported(service, { run: 'tiny', result: 'grad', name: 'printed', formats: ['tsv', 'pdf'] });
    const out = workspacePath(ws, 'reports', 'printed');
    expect(printed.map(([html, pdf]) => [html, pdf])).toEqual([[path.join(out, 'report.html'), path.join(out, 'report.pdf')]]);
    expect(printed[0][2]).toMatch(/^<!doctype html>/i);
    expect(result.files).toContain('report.pdf');
    expect(result.files).not.toContain('report.html');
    expect((await readdir(out)).sort()).toEqual([...result.files].sort());
    expect(await readFile(path.join(out, 'report.pdf'), 'utf8')).toBe('%PDF-1.4 fake');

    const both = await exported(service, { run: 'tiny', result: 'grad', name: 'printed-html', formats: ['html', 'pdf'] });
    expect([...both.result.files].sort()).toEqual(['report.html', 'report.pdf']);
  }, SLOW);

  it('fails with a clear error and leaves nothing behind when the desktop printer fails', async () => {
    const service = await serviceWith({ printPdf: async () => { throw new Error('the printer is out of paper'); } });
    const { jobId } = await call(service, 'report.export', { run: 'tiny', result: 'grad', name: 'unprinted', formats: ['tsv', 'pdf'] });
    const end = await ended(service, jobId);
    expect(end).toMatchObject({ kind: 'job.failed', cancelled: false, error: { code: 'REPORT_PDF', message: expect.stringContaining('the printer is out of paper') } });
    expect(await stat(workspacePath(ws, 'reports', 'unprinted')).then(() => true, () => false)).toBe(false);
  }, SLOW);

  it('refuses a result that is not there before any job', async () => {
    const service = await serviceWith();
    const result = await service.call('report.export', { run: 'tiny', result: 'ig', name: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'RESULT_MISSING', input: { field: 'result', value: 'ig' } } });
  });
});
