import { lastStepsShare, topCellShare, type LastStepsShare } from '../saliency/aggregate/index.js';
import type { OnSteps } from '../report/context.js';
import type { StoredMaskedAccuracy } from '../saliency/faithfulness.js';
import type { StoredRandomisation } from '../saliency/randomisation-result.js';
import type { StoredSaliency } from '../saliency/store.js';
import type { Dataset } from '../study/dataset.js';
import type { DemoGroundTruth } from './ground-truth.js';

/** A volume counts as ON when the planted response (HRF-convolved blocks, plateau 1) is at least this. */
export const ON_RESPONSE = 0.5;

/** Fractions of each map's cells the ON-share is measured at (the paper's fMRI table goes 10–50 %). */
export const DEMO_ON_SHARE_QS = [0.1, 0.2, 0.3] as const;
/** The "last steps" of the vanishing-saliency signature: the final 10 % of a window's steps. */
export const DEMO_LAST_STEPS = 0.1;

/** How well saliency recovered the demo's ground truth. */
export interface DemoScore {
  /** Per task: the planted regions, the top-k regions by saliency (k = planted count) and the hit rate. */
  tasks: { task: string; planted: string[]; top: string[]; precision: number; samples: number }[];
  /** Mean precision over the tasks that had test samples. */
  precision: number;
  /**
   * Per q of DEMO_ON_SHARE_QS: the share of each window's top-q cells in steps where the planted
   * response is ON, over the windows that have ON steps (not rest runs').
   */
  onShares: { q: number; share: number }[];
  /** The ON share of those windows' steps: what a map blind to time would score. */
  onChance: number;
  /** Share of saliency mass in the last DEMO_LAST_STEPS of the steps (vanishing saliency puts it all there). */
  lastSteps: LastStepsShare;
  /** The masked-accuracy drop stored with the maps (salient against random cells), when it was measured. */
  maskedAccuracy: StoredMaskedAccuracy | null;
  /** The model-parameter randomisation check stored with the maps, when it was run. */
  randomisation: StoredRandomisation | null;
}

/**
 * Scores saliency maps against the demo's planted regions: for each task, the regions ranked
 * by mean |saliency| over that task's samples (all steps), precision of the top k against the
 * k planted regions; the share of top-salient cells in ON steps (response ≥ ON_RESPONSE) at
 * each DEMO_ON_SHARE_QS; the share in the last steps; and the stored masked-accuracy drop.
 */
export function scoreDemo(result: StoredSaliency, dataset: Dataset, truth: DemoGroundTruth): DemoScore {
  const { maps, index } = result;
  const { time, features, data } = maps;
  // A rest task plants nothing: no regions to find, no ON steps to fall in.
  const tasks = truth.tasks.filter((task) => task.regions.length > 0).map((task) => {
    const classIndex = dataset.classes.indexOf(task.trialType);
    const rows = index.samples.flatMap((s, k) => (s.label === classIndex ? [k] : []));
    const weight = new Float64Array(features);
    for (const k of rows) for (let t = 0; t < time; t++) for (let r = 0; r < features; r++) weight[r] += Math.abs(data[(k * time + t) * features + r]);
    const planted = task.regions.map((p) => p.name);
    const order = [...weight.keys()].sort((a, b) => weight[b] - weight[a] || a - b);
    const top = order.slice(0, planted.length).map((r) => index.regions[r]);
    const hits = top.filter((name) => planted.includes(name)).length;
    return { task: task.name, planted, top, precision: rows.length > 0 ? hits / planted.length : NaN, samples: rows.length };
  });
  const scored = tasks.filter((t) => t.samples > 0);
  const { maps: withOn, steps } = windowsWithOnSteps(maps, onSteps(result, dataset, truth));
  const shares = DEMO_ON_SHARE_QS.map((q) => ({ q, share: withOn.samples > 0 ? topCellShare(withOn, steps, { q }).mean : NaN }));
  return {
    tasks,
    precision: scored.reduce((a, t) => a + t.precision, 0) / Math.max(scored.length, 1),
    onShares: shares,
    onChance: steps.length > 0 ? steps.reduce((a, v) => a + v, 0) / steps.length : NaN,
    lastSteps: lastStepsShare(maps, DEMO_LAST_STEPS),
    maskedAccuracy: result.index.maskedAccuracy ?? null,
    randomisation: result.index.randomisation ?? null,
  };
}

/**
 * The maps and ON steps of the windows that have any ON step: a window of a rest run (or one
 * falling wholly between blocks) has nowhere for its salient cells to fall, so it would only
 * pull the share toward 0 and its chance with it.
 */
function windowsWithOnSteps(maps: StoredSaliency['maps'], on: Uint8Array): { maps: StoredSaliency['maps']; steps: Uint8Array } {
  const { samples, time, features, data } = maps;
  const keep = Array.from({ length: samples }, (_, n) => n).filter((n) => on.subarray(n * time, (n + 1) * time).some((v) => v === 1));
  const cells = time * features;
  const kept = new Float32Array(keep.length * cells);
  const steps = new Uint8Array(keep.length * time);
  keep.forEach((n, k) => {
    kept.set(data.subarray(n * cells, (n + 1) * cells), k * cells);
    steps.set(on.subarray(n * time, (n + 1) * time), k * time);
  });
  return { maps: { samples: keep.length, time, features, data: kept }, steps };
}

/**
 * The demo's ON steps as a report takes them, named by their true source: the planted HRF
 * regressor of ground_truth.json (ON where ≥ ON_RESPONSE), not the study's events files.
 */
export function demoOnSteps(result: StoredSaliency, dataset: Dataset, truth: DemoGroundTruth): OnSteps {
  return { steps: onSteps(result, dataset, truth), source: 'ground-truth-regressor' };
}

/** [samples × time]: 1 where the sample's run has its planted response ON at that step's volume. */
export function onSteps(result: StoredSaliency, dataset: Dataset, truth: DemoGroundTruth): Uint8Array {
  const { time } = result.maps;
  const steps = new Uint8Array(result.index.samples.length * time);
  result.index.samples.forEach((s, k) => {
    const meta = dataset.samples[s.index];
    const run = truth.runs.find((r) => sameSubject(r.subject, meta.subject) && r.task === meta.task);
    if (!run) return;
    const first = Math.round(meta.onsetSeconds / truth.tr);
    for (let t = 0; t < time; t++) steps[k * time + t] = (run.regressor[first + t] ?? 0) >= ON_RESPONSE ? 1 : 0;
  });
  return steps;
}

function sameSubject(a: string, b: string): boolean {
  return a.replace(/^sub-/, '') === b.replace(/^sub-/, '');
}
