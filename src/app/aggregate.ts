import path from 'node:path';
import { InputError } from '../errors.js';
import { regionImportance, temporalProfile, topRegionsPerStep, type RegionImportance, type TemporalProfile, type TopRegions } from '../saliency/aggregate/index.js';
import { readSaliencyResult, type SaliencyIndex } from '../saliency/store.js';
import type { SaliencyMaps } from '../saliency/types.js';
import { readDatasetInfo } from '../study/cache.js';
import { throwIfCancelled } from '../util/cancel.js';
import { phaseReporter, type OperationContext } from './context.js';

/** A stored saliency result to summarise for a viewer. */
export interface AggregateOptions {
  /** The result folder (holding saliency.json), as `explain` wrote it. */
  saliencyDir: string;
  /** Regions listed per time step; at most the number of regions (default AGGREGATE_DEFAULTS.topK). */
  topK?: number;
}

/** The one place the aggregate step's defaults live. */
export const AGGREGATE_DEFAULTS = { topK: 5 } as const satisfies Required<Omit<AggregateOptions, 'saliencyDir'>>;

/** A row-major [time × regions] matrix of |saliency| (the maps' own layout). */
export interface SaliencyMatrix {
  time: number;
  regions: number;
  data: Float64Array;
}

/** The summaries of one group of samples (all of them, or one class). */
export interface SaliencySummary {
  /** Positions of the group's samples in the result's sample order. */
  samples: number[];
  /** Mean |map| over the group's samples. */
  meanAbs: SaliencyMatrix;
  topRegions: TopRegions;
  temporalProfile: TemporalProfile;
  /** null when every map of the group is all zero (no shares to take). */
  regionImportance: RegionImportance | null;
}

/** One class: its name and the summary of the samples whose true label it is (null when none). */
export interface ClassSummary {
  class: number;
  name: string;
  summary: SaliencySummary | null;
}

/** One explained sample: what the model said, and its own |map|. */
export interface SampleView {
  /** Index of the sample in the dataset. */
  index: number;
  label: number;
  labelName: string;
  /** The class explained. */
  target: number;
  predicted: number;
  predictedName: string;
  /** Softmax probability of `target`. */
  probability: number;
  correct: boolean;
  abs: SaliencyMatrix;
}

/** What a viewer needs of a stored saliency result. */
export interface AggregateResult {
  saliencyDir: string;
  method: string;
  params: Record<string, unknown>;
  regions: string[];
  classes: string[];
  window: number;
  /** The dataset's repetition time in seconds; null when the dataset can no longer be read. */
  tr: number | null;
  /** Seconds of each step from the window's first volume; null with `tr`. */
  seconds: number[] | null;
  overall: SaliencySummary;
  perClass: ClassSummary[];
  samples: SampleView[];
}

/**
 * Reads a stored saliency result and summarises it with src/saliency/aggregate: mean |map|,
 * top-k regions per step, temporal profile and region importance (mean, sd, rank), over all
 * samples and per class (by true label), plus each sample's |map| with its label, prediction
 * and probability. Progress: phase `aggregate`, one step per group; cancelled between groups.
 */
export async function aggregateResult(options: AggregateOptions, ctx: OperationContext = {}): Promise<AggregateResult> {
  throwIfCancelled(ctx.signal);
  const o = { ...AGGREGATE_DEFAULTS, ...options };
  const saliencyDir = path.resolve(o.saliencyDir);
  const { index, maps } = await readSaliencyResult(saliencyDir);
  const topK = Math.min(o.topK, maps.features);
  const tr = await datasetTr(index);
  const report = phaseReporter(ctx, 'aggregate');
  const steps = index.classes.length + 1;
  report(0, steps);

  const all = index.samples.map((_, n) => n);
  const overall = summarise(maps, all, topK);
  report(1, steps);
  const perClass: ClassSummary[] = [];
  for (const [c, name] of index.classes.entries()) {
    throwIfCancelled(ctx.signal);
    const members = all.filter((n) => index.samples[n].label === c);
    perClass.push({ class: c, name, summary: members.length > 0 ? summarise(maps, members, topK) : null });
    report(c + 2, steps);
  }
  const cells = maps.time * maps.features;
  const samples: SampleView[] = index.samples.map((s, n) => ({
    index: s.index, label: s.label, labelName: index.classes[s.label], target: s.target,
    predicted: s.predicted, predictedName: index.classes[s.predicted], probability: s.probability,
    correct: s.predicted === s.label,
    abs: matrix(maps, Float64Array.from(maps.data.subarray(n * cells, (n + 1) * cells), Math.abs)),
  }));
  return {
    saliencyDir, method: index.method, params: index.params, regions: index.regions, classes: index.classes,
    window: index.window, tr, seconds: tr === null ? null : [...Array(index.window).keys()].map((t) => t * tr),
    overall, perClass, samples,
  };
}

function summarise(maps: SaliencyMaps, members: number[], topK: number): SaliencySummary {
  const group = subset(maps, members);
  const topRegions = topRegionsPerStep(group, topK);
  return {
    samples: members,
    meanAbs: matrix(maps, topRegions.meanAbs),
    topRegions,
    temporalProfile: temporalProfile(group),
    regionImportance: members.some((n) => hasSaliency(maps, n)) ? regionImportance(group) : null,
  };
}

/** The maps of the samples at `members`, in that order. */
function subset(maps: SaliencyMaps, members: readonly number[]): SaliencyMaps {
  const cells = maps.time * maps.features;
  const data = new Float32Array(members.length * cells);
  members.forEach((n, i) => data.set(maps.data.subarray(n * cells, (n + 1) * cells), i * cells));
  return { data, samples: members.length, time: maps.time, features: maps.features };
}

function hasSaliency(maps: SaliencyMaps, n: number): boolean {
  const cells = maps.time * maps.features;
  return maps.data.subarray(n * cells, (n + 1) * cells).some((v) => v !== 0);
}

function matrix(maps: SaliencyMaps, data: Float64Array): SaliencyMatrix {
  return { time: maps.time, regions: maps.features, data };
}

async function datasetTr(index: SaliencyIndex): Promise<number | null> {
  try {
    return (await readDatasetInfo(index.dataset)).tr;
  } catch (err) {
    if (err instanceof InputError) return null;
    throw err;
  }
}
