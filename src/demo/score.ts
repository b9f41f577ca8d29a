import { topCellShare } from '../saliency/aggregate/index.js';
import type { OnSteps } from '../report/context.js';
import type { StoredSaliency } from '../saliency/store.js';
import type { Dataset } from '../study/dataset.js';
import type { DemoGroundTruth } from './ground-truth.js';

/** A volume counts as ON when the planted response (HRF-convolved blocks, plateau 1) is at least this. */
export const ON_RESPONSE = 0.5;

/** How well saliency recovered the demo's ground truth. */
export interface DemoScore {
  /** Per task: the planted regions, the top-k regions by saliency (k = planted count) and the hit rate. */
  tasks: { task: string; planted: string[]; top: string[]; precision: number; samples: number }[];
  /** Mean precision over the tasks that had test samples. */
  precision: number;
  /** Share of each sample's top-10 % cells in steps where the planted response is ON, and chance. */
  onShare: number;
  onChance: number;
}

/**
 * Scores saliency maps against the demo's planted regions: for each task, the regions ranked
 * by mean |saliency| over that task's samples (all steps), precision of the top k against the
 * k planted regions; and the share of top-salient cells in ON steps (response ≥ ON_RESPONSE).
 */
export function scoreDemo(result: StoredSaliency, dataset: Dataset, truth: DemoGroundTruth): DemoScore {
  const { maps, index } = result;
  const { time, features, data } = maps;
  const tasks = truth.tasks.map((task) => {
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
  const share = topCellShare(maps, onSteps(result, dataset, truth));
  return { tasks, precision: scored.reduce((a, t) => a + t.precision, 0) / Math.max(scored.length, 1), onShare: share.mean, onChance: share.chance };
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
