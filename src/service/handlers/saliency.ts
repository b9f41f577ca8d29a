import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { COMPUTE_DEFAULTS, type computeRequest } from '../../api/index.js';
import { brainVolumes, type TemplateSource } from '../../app/brain-volumes.js';
import { EXPLAIN_DEFAULTS } from '../../app/explain.js';
import { saliencyName, saliencyResultDir, saliencyResultPath, SALIENCY_DATA, SALIENCY_JSON, workspaceTemplateCacheDir } from '../../app/layout.js';
import { readRunDetails } from '../../app/run-details.js';
import { SALIENCY_UI_DEFAULTS } from '../../app/saliency-defaults.js';
import { saliencySample, saliencyView, type SaliencyView } from '../../app/saliency-view.js';
import { runWorkerOperation } from '../../app/worker-operation.js';
import type { OperationArgs } from '../../jobs/operations/contracts.js';
import { readSaliencyIndex } from '../../saliency/store.js';
import type { Handlers, ServiceContext } from '../context.js';
import { ServiceInputError } from '../errors.js';
import { workspaceEntry } from '../sources.js';

export { SALIENCY_UI_DEFAULTS };

type SaliencyChannels = 'saliency.compute' | 'saliency.view' | 'saliency.sample' | 'brain.volumes';
type ComputeRequest = z.output<typeof computeRequest>;

/** The Saliency screen: maps computed in the worker, a stored result read for the views, the brain view's volumes. */
export const saliencyHandlers: Handlers<SaliencyChannels> = {
  'saliency.compute': async (request, ctx) => {
    const run = workspaceEntry(ctx, 'runs', request.run, 'run');
    ctx.jobs.refuseBusy(run); // a run still training has no best model to explain yet
    await finishedRun(run.path, request.run);
    const tsr = request.tsr !== undefined && request.tsr !== false;
    const result = saliencyName(request.method, tsr);
    const out = saliencyResultDir(run.path, request.method, tsr);
    const args = explainArgs(request, run.path, out);
    const jobId = ctx.jobs.start({
      kind: 'saliency', title: `Saliency ${result} of ${request.run}`,
      // The run's listing shows its results; a second job writing the same result is refused.
      target: { name: request.run, path: out, field: 'method' },
      run: async ({ signal, onProgress }) => {
        const done = await runWorkerOperation('explain', args, { signal, onProgress, launch: ctx.options.launcher });
        const index = await readSaliencyIndex(out);
        return { run: request.run, result, method: done.method, samples: done.samples, seconds: index.seconds };
      },
    });
    return { jobId };
  },

  'saliency.view': async ({ run, result }, ctx) => memoisedSaliencyView(await existingResult(ctx, run, result), { run, result }),

  'saliency.sample': async ({ run, result, position }, ctx) => saliencySample(await existingResult(ctx, run, result), position),

  'brain.volumes': async ({ run, template }, ctx) => {
    const entry = workspaceEntry(ctx, 'runs', run, 'run');
    await finishedRun(entry.path, run);
    const source: TemplateSource | undefined = template?.kind === 'file'
      ? { kind: 'file', file: await ctx.files.resolve(template.file, { field: 'template.file', kind: 'file' }) }
      : template;
    // Beside the parcellation cache: a workspace's computed files live under one `cache/`.
    const templateCacheDir = workspaceTemplateCacheDir(ctx.workspace().root);
    return brainVolumes(entry.path, source, { templateCacheDir });
  },
};

/** How many built views are kept: a user flips between a few results of a few runs. */
const VIEW_MEMO_SIZE = 4;
const viewMemo = new Map<string, { stamp: string; view: Promise<SaliencyView> }>();

/**
 * saliencyView of `dir`, built once per version of its files: a reopened result answers from
 * memory while saliency.json and saliency.f32 keep their size and mtime (a recomputed result
 * changes both, so it is read afresh). The few most recently used views are kept.
 */
export async function memoisedSaliencyView(dir: string, names: { run: string; result: string }): Promise<SaliencyView> {
  const key = JSON.stringify([path.resolve(dir), names.run, names.result]);
  const stamp = await resultStamp(dir);
  const hit = viewMemo.get(key);
  if (hit && stamp !== null && hit.stamp === stamp) {
    viewMemo.delete(key);
    viewMemo.set(key, hit); // most recently used last
    return hit.view;
  }
  const view = saliencyView(dir, names);
  if (stamp === null) return view;
  const entry = { stamp, view };
  viewMemo.delete(key);
  viewMemo.set(key, entry);
  while (viewMemo.size > VIEW_MEMO_SIZE) viewMemo.delete(viewMemo.keys().next().value!);
  // A failed read is not remembered: the next call tries again (the files may be mid-write).
  view.catch(() => { if (viewMemo.get(key) === entry) viewMemo.delete(key); });
  return view;
}

/** Size and mtime of a result's two files, or null when one cannot be stat'ed. */
async function resultStamp(dir: string): Promise<string | null> {
  const stamps = await Promise.all([SALIENCY_JSON, SALIENCY_DATA].map((f) => stat(path.join(dir, f)).then((s) => `${s.size}:${s.mtimeMs}`, () => null)));
  return stamps.includes(null) ? null : stamps.join('|');
}

/** The worker's explain arguments for a request: the contract's option names mapped onto the core's. */
export function explainArgs(request: ComputeRequest, runDir: string, out: string): OperationArgs<'explain'> {
  const { baseline, ...rest } = request.options ?? {};
  const tsr = request.tsr === undefined ? false : request.tsr;
  const randomisation = request.randomisation ?? COMPUTE_DEFAULTS.randomisation;
  return {
    request: {
      runDir, method: request.method,
      samples: request.samples ?? EXPLAIN_DEFAULTS.samples,
      target: request.target ?? EXPLAIN_DEFAULTS.target,
      options: { ...rest, ...(baseline ? { baseline: { kind: baseline } } : {}), tsr },
      // The stored drop wants its fractions increasing and distinct.
      maskedAccuracy: [...new Set(request.maskedAccuracy ?? SALIENCY_UI_DEFAULTS.maskedAccuracy)].sort((a, b) => a - b),
      // The core runs the check when a mode is given; `off` is its absence.
      ...(randomisation === 'off' ? {} : { randomisation }),
    },
    batchSize: EXPLAIN_DEFAULTS.batchSize,
    backend: EXPLAIN_DEFAULTS.backend,
    out,
  };
}

/** Refuses a run that does not exist or has not finished (no best model to explain). */
async function finishedRun(dir: string, name: string): Promise<void> {
  if (!(await stat(dir).then((s) => s.isDirectory(), () => false))) throw new ServiceInputError('RUN_MISSING', dir, 'run', name, 'a run of the workspace');
  const { status } = await readRunDetails(dir);
  if (status !== 'finished') {
    throw new ServiceInputError('RUN_NOT_FINISHED', dir, 'run', name, `a finished run (this one is ${status}; resume it to the end first)`);
  }
}

/** The folder of a stored result of a run, refused when it holds none. */
async function existingResult(ctx: ServiceContext, run: string, result: string): Promise<string> {
  const dir = saliencyResultPath(workspaceEntry(ctx, 'runs', run, 'run').path, result);
  if (!(await stat(path.join(dir, SALIENCY_JSON)).then((s) => s.isFile(), () => false))) {
    throw new ServiceInputError('RESULT_MISSING', dir, 'result', result, `a saliency result of run ${run} (compute one on the Saliency screen)`);
  }
  return dir;
}
