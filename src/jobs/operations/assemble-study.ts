import path from 'node:path';
import type { z } from 'zod';
import { loadAtlas } from '../../atlas/index.js';
import { defaultAtlasPaths } from '../../assets.js';
import { assembleStudy, writeDatasetCache, type StudySummary } from '../../study/index.js';
import { throwIfCancelled } from '../../util/cancel.js';
import type { CONTRACTS } from './contracts.js';
import type { OperationControl } from './operation.js';

type Args = z.output<typeof CONTRACTS.assembleStudy.args>;

/**
 * Assembles a study and writes its dataset cache to `out`, as `saliency-studio study` does.
 * The atlas comes as paths and is loaded here, in the worker (no image crosses the channel).
 * Cancelled, it stops before the next run or volume and writes no dataset; runs already
 * parcellated stay in the parcellation cache, so running it again skips them.
 */
export async function runAssembleStudy(args: Args, control: OperationControl<never>): Promise<{ out: string; summary: StudySummary }> {
  const bundled = defaultAtlasPaths();
  const labels = args.atlas?.labels;
  const atlas = await loadAtlas(labels ?? bundled.labels, args.atlas?.names ?? (labels ? undefined : bundled.names), { allowUnnamed: args.atlas?.allowUnnamed });
  const { dataset, summary } = await assembleStudy(args.input, {
    atlas, window: args.window, stride: args.stride, labelBy: args.labelBy, shiftSeconds: args.shiftSeconds, zscore: args.zscore,
    split: args.split, seed: args.seed, cacheDir: args.cacheDir ?? path.join(args.out, 'parcellations'), signal: control.signal,
    onProgress: ({ stage, done, total, item }) => control.onProgress({ phase: stage, done, total, etaSeconds: null, ...(item ? { item } : {}) }),
  });
  throwIfCancelled(control.signal);
  await writeDatasetCache(args.out, dataset);
  return { out: path.resolve(args.out), summary };
}
