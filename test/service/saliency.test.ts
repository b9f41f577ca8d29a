/**
 * The Saliency screen's channels through `service.call` on a workspace with a finished run,
 * with the real job worker (dist must be built): every answer passed its response schema.
 */
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiEvent, ChannelName, ChannelRequest, ChannelResponse } from '../../src/api/index.js';
import { saliencyResultDir, workspacePath } from '../../src/app/layout.js';
import { saliencySample, saliencyView } from '../../src/app/saliency-view.js';
import { randomisationVerdict } from '../../src/saliency/randomisation-result.js';
import { readSaliencyResult } from '../../src/saliency/store.js';
import { createService } from '../../src/service/create-service.js';
import { COMPUTE_DEFAULTS } from '../../src/api/index.js';
import { explainArgs, SALIENCY_UI_DEFAULTS } from '../../src/service/handlers/saliency.js';
import type { ApiResult, Service } from '../../src/service/types.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { workspaceWithRun } from './helpers/workspace-run.js';

const SLOW = 240_000;
let ws: string;
let runDir: string;
let service: Service;
const events: ApiEvent[] = [];

beforeAll(async () => {
  ({ ws, runDir } = await workspaceWithRun(await suiteTempDir()));
  service = await createService({ mode: 'browser', workspace: ws, roots: [], version: '0.0.0-test' });
  service.onEvent((e) => events.push(e));
}, SLOW);
afterAll(() => service?.close());

async function call<C extends ChannelName>(channel: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>> {
  const result: ApiResult = await service.call(channel, request);
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`);
  return result.value as ChannelResponse<C>;
}

async function refusal(channel: ChannelName, request: unknown) {
  const result = await service.call(channel, request);
  expect(result.ok).toBe(false);
  return (result as Extract<ApiResult, { ok: false }>).error;
}

const jobEvents = (jobId: string) => events.filter((e) => (e.kind === 'job.started' ? e.job.jobId : 'jobId' in e ? e.jobId : null) === jobId);
async function ended(jobId: string) {
  return vi.waitFor(() => {
    const end = jobEvents(jobId).find((e) => e.kind === 'job.done' || e.kind === 'job.failed');
    if (!end) throw new Error(`${jobId} still running`);
    return end;
  }, { timeout: SLOW, interval: 50 });
}

describe('saliency.compute', () => {
  it('computes the gradient maps in the worker into runs/<run>/saliency/grad, with the app’s masked-accuracy and randomisation defaults', async () => {
    const { jobId } = await call('saliency.compute', { run: 'tiny', method: 'grad' });
    const end = await ended(jobId);
    if (end.kind !== 'job.done') throw new Error(JSON.stringify(end));
    const out = saliencyResultDir(runDir, 'grad');
    const stored = await readSaliencyResult(out);
    expect(end.outcome).toEqual({ job: 'saliency', result: { run: 'tiny', result: 'grad', method: 'grad', samples: 20, seconds: stored.index.seconds } });
    expect(stored.index.maskedAccuracy?.ps).toEqual([...SALIENCY_UI_DEFAULTS.maskedAccuracy]);
    // The app runs the check unless asked not to: cascading, one stage per layer group of the LSTM.
    expect(COMPUTE_DEFAULTS.randomisation).toBe('cascading');
    const check = stored.index.randomisation!;
    expect(check.mode).toBe('cascading');
    expect(check.stages.length).toBeGreaterThan(1);
    expect(check.stages.every((s) => s.spearman.length === 20)).toBe(true);
    expect(jobEvents(jobId)[0]).toMatchObject({ kind: 'job.started', job: { kind: 'saliency', title: 'Saliency grad of tiny', target: 'tiny' } });
    const progress = jobEvents(jobId).flatMap((e) => (e.kind === 'job.progress' ? [e.progress] : []));
    expect(progress.at(-1)).toMatchObject({ phase: 'saliency' });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    // The ETA comes from the pace so far: known once anything is done.
    expect(progress.filter((p) => p.done > 0).every((p) => typeof p.etaSeconds === 'number')).toBe(true);
    expect(events).toContainEqual({ kind: 'workspace.changed' });
  }, SLOW);

  it('refuses a run that does not exist and one that has not finished, before any job', async () => {
    expect(await refusal('saliency.compute', { run: 'nope', method: 'grad' })).toMatchObject({ code: 'RUN_MISSING', input: { field: 'run', value: 'nope' } });
    // A run with its settings but no summary: stopped before its end.
    const stopped = workspacePath(ws, 'runs', 'stopped');
    await mkdir(stopped, { recursive: true });
    await copyFile(path.join(runDir, 'config.json'), path.join(stopped, 'config.json'));
    expect(await refusal('saliency.compute', { run: 'stopped', method: 'grad' })).toMatchObject({ code: 'RUN_NOT_FINISHED', input: { field: 'run', value: 'stopped' } });
    expect(await refusal('brain.volumes', { run: 'stopped' })).toMatchObject({ code: 'RUN_NOT_FINISHED' });
  });

  it('cancelled, ends as cancelled and leaves no result', async () => {
    const { jobId } = await call('saliency.compute', { run: 'tiny', method: 'ig', options: { steps: 200 }, tsr: true });
    await call('jobs.cancel', { jobId });
    expect(await ended(jobId)).toMatchObject({ kind: 'job.failed', cancelled: true, error: { code: 'CANCELLED' } });
    expect(await stat(path.join(saliencyResultDir(runDir, 'ig', true), 'saliency.json')).then(() => true, () => false)).toBe(false);
  }, SLOW);

  it('maps the contract’s options onto the core’s: baseline kinds, TSR settings, sorted fractions', () => {
    const args = explainArgs({ run: 'r', method: 'ig', options: { baseline: 'random', steps: 8 }, tsr: { alpha: 0.4 }, samples: 'all', target: 'predicted', maskedAccuracy: [0.3, 0.1, 0.3] }, '/w/runs/r', '/w/runs/r/saliency/ig-tsr');
    expect(args.request).toEqual({
      runDir: '/w/runs/r', method: 'ig', samples: 'all', target: 'predicted',
      options: { baseline: { kind: 'random' }, steps: 8, tsr: { alpha: 0.4 } }, maskedAccuracy: [0.1, 0.3], randomisation: 'cascading',
    });
    expect(args.out).toBe('/w/runs/r/saliency/ig-tsr');
    const plain = explainArgs({ run: 'r', method: 'occlusion-time', options: { baseline: 'zeros' } }, '/r', '/o');
    expect(plain.request).toMatchObject({ samples: 'test', target: 'true', options: { baseline: { kind: 'zeros' }, tsr: false }, maskedAccuracy: [...SALIENCY_UI_DEFAULTS.maskedAccuracy] });
  });

  it('passes the randomisation mode asked for, and leaves the check out when it is off', () => {
    expect(explainArgs({ run: 'r', method: 'grad', randomisation: 'independent' }, '/r', '/o').request.randomisation).toBe('independent');
    expect(explainArgs({ run: 'r', method: 'grad' }, '/r', '/o').request.randomisation).toBe('cascading');
    expect('randomisation' in explainArgs({ run: 'r', method: 'grad', randomisation: 'off' }, '/r', '/o').request).toBe(false);
  });
});

describe('reading a stored result', () => {
  it('answers saliency.view as the app operation reads it, within the contract', async () => {
    const view = await call('saliency.view', { run: 'tiny', result: 'grad' });
    expect(view).toEqual(await saliencyView(saliencyResultDir(runDir, 'grad'), { run: 'tiny', result: 'grad' }));
    expect(view.faithfulness.maskedAccuracy?.ps).toEqual([...SALIENCY_UI_DEFAULTS.maskedAccuracy]);
    expect(view.faithfulness.onShare).not.toBeNull();
    expect(view.faithfulness.groundTruth?.samples).toBeGreaterThan(0);
  });

  it('shows the randomisation check the app computed: stage by stage as saliency.json holds it, with the report’s verdict', async () => {
    const view = await call('saliency.view', { run: 'tiny', result: 'grad' });
    const stored = (await readSaliencyResult(saliencyResultDir(runDir, 'grad'))).index.randomisation!;
    const got = view.faithfulness.randomisation!;
    expect(got).toMatchObject({ mode: 'cascading', seed: stored.seed, threshold: stored.threshold, verdict: stored.verdict, sentence: randomisationVerdict(stored) });
    expect(got.stages).toEqual(stored.stages.map((s) => ({
      layers: s.layers, mean: s.mean, sd: s.sd, meanAbs: s.meanAbs, samples: s.spearman.filter((r) => r !== null).length,
    })));
  });

  it('answers saliency.sample, and refuses a position past the end and a result that is not there', async () => {
    expect(await call('saliency.sample', { run: 'tiny', result: 'grad', position: 2 })).toEqual(await saliencySample(saliencyResultDir(runDir, 'grad'), 2));
    expect(await refusal('saliency.sample', { run: 'tiny', result: 'grad', position: 20 })).toMatchObject({ code: 'SALIENCY_POSITION', input: { field: 'position' } });
    expect(await refusal('saliency.view', { run: 'tiny', result: 'ig' })).toMatchObject({ code: 'RESULT_MISSING', input: { field: 'result', value: 'ig' } });
  });

  it('refuses brain.volumes for a synthetic dataset, whose regions have no atlas labels', async () => {
    expect(await refusal('brain.volumes', { run: 'tiny' })).toMatchObject({ code: 'BRAIN_NO_ATLAS', input: { field: 'regions', file: path.join(ws, 'datasets', 'tiny') } });
  });
});
