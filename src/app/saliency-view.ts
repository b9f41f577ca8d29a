import { InputError } from '../errors.js';
import { knownOnSteps } from '../report/on-steps.js';
import { scoreAgainstMasks, type GroundTruthScores } from '../saliency/ground-truth.js';
import type { RandomisationMode } from '../saliency/randomisation-modes.js';
import { randomisationVerdict, type StoredRandomisation } from '../saliency/randomisation-result.js';
import { readSaliencyResult, type StoredSaliency } from '../saliency/store.js';
import type { SaliencyMaps } from '../saliency/types.js';
import { readDatasetInfo } from '../study/cache.js';
import type { Dataset } from '../study/dataset.js';
import { groundTruthMasks } from '../synth/masks.js';
import { f32Base64, type F32Base64 } from '../util/f32-base64.js';

/** The fractions of top cells whose share in task-ON steps the view shows. */
export const ON_SHARE_QS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5];

export interface MeanSd {
  mean: number[];
  /** null where the sd is undefined (one sample). */
  sd: (number | null)[];
}

/** One group of samples (all, or one class by true label). */
export interface GroupView {
  samples: number[];
  /** Mean |map| over the group, [time × regions]. */
  meanAbs: F32Base64;
  /** Per step, each sample's mean |map| over regions: mean and sd across the group. */
  temporal: MeanSd;
  /** Per region, its share of each sample's saliency: mean and sd across samples; null when every map is zero. */
  importance: MeanSd | null;
}

export interface ViewSample {
  position: number;
  index: number;
  label: number;
  target: number;
  predicted: number;
  probability: number;
  subject: string | null;
  run: string | null;
  onsetSeconds: number | null;
}

export interface OnShare {
  q: number;
  share: number;
  chance: number;
  samples: number;
}

/** One randomisation stage as the screen shows it: the per-sample ρ summarised. */
export interface RandomisationStageView {
  layers: string[];
  mean: number | null;
  sd: number | null;
  meanAbs: number | null;
  /** Samples with a ρ (a constant map has none). */
  samples: number;
}

/** The stored randomisation check, with the report's verdict sentence. */
export interface RandomisationView {
  mode: RandomisationMode;
  seed: number;
  threshold: number;
  verdict: StoredRandomisation['verdict'];
  sentence: string;
  stages: RandomisationStageView[];
}

/** What the saliency screen shows of one stored result (the contract's saliencyView). */
export interface SaliencyView {
  run: string;
  result: string;
  method: string;
  params: Record<string, unknown>;
  samplesFrom: 'test' | 'all';
  regions: { label: number | null; name: string }[];
  classes: string[];
  window: number;
  tr: number | null;
  onSteps: string[] | null;
  createdAt: string;
  seconds: number;
  backend: string;
  samples: ViewSample[];
  overall: GroupView;
  perClass: (GroupView | null)[];
  faithfulness: {
    maskedAccuracy: { ps: number[]; baseline: number; salient: number[]; random: number[] } | null;
    onShare: OnShare[] | null;
    groundTruth: GroundTruthScores | null;
    randomisation: RandomisationView | null;
  };
}

/**
 * Reads a stored saliency result (`<run>/saliency/<result>`) as the saliency screen shows
 * it, without recomputing any map: the group summaries overall and per class, the samples
 * with where their windows come from, and the faithfulness scores the data allow (masked
 * accuracy as stored, ON-share where ON steps are known, ground truth for synthetic data).
 * One pass over the maps serves every group, so a 400 × 1,200 window with ~100 samples stays quick.
 */
export async function saliencyView(saliencyDir: string, names: { run: string; result: string }): Promise<SaliencyView> {
  const stored = await readSaliencyResult(saliencyDir);
  const { index, maps } = stored;
  const dataset = await datasetInfoOrNull(index.dataset);
  const indices = index.samples.map((s) => s.index);
  const on = await knownOnSteps(index.dataset, indices, index.window).catch(() => null);
  const masks = await groundTruthMasks(index.dataset, indices).catch(() => null);
  const groups = groupViews(stored);
  return {
    run: names.run, result: names.result, method: index.method, params: index.params, samplesFrom: index.samplesFrom,
    regions: index.regions.map((name, r) => ({ label: regionLabel(dataset, r, name), name })),
    classes: index.classes, window: index.window, tr: dataset?.tr ?? null,
    onSteps: on ? onStrings(on.steps, index.samples.length, index.window) : null,
    createdAt: index.createdAt, seconds: index.seconds, backend: index.backend,
    samples: index.samples.map((s, position) => {
      const meta = dataset?.samples[s.index];
      return {
        position, index: s.index, label: s.label, target: s.target, predicted: s.predicted, probability: s.probability,
        subject: meta?.subject ?? null, run: meta?.run ?? null, onsetSeconds: meta?.onsetSeconds ?? null,
      };
    }),
    overall: groups.overall,
    perClass: groups.perClass,
    faithfulness: {
      maskedAccuracy: index.maskedAccuracy
        ? { ps: index.maskedAccuracy.ps, baseline: index.maskedAccuracy.baseline, salient: index.maskedAccuracy.salient, random: index.maskedAccuracy.random }
        : null,
      onShare: on && on.steps.some((v) => v === 1) ? onShares(maps, on.steps, ON_SHARE_QS) : null,
      groundTruth: masks && maps.samples > 0 ? scoreAgainstMasks(maps, masks) : null,
      randomisation: index.randomisation ? randomisationView(index.randomisation) : null,
    },
  };
}

/**
 * The randomisation check as the screen shows it: the stage summaries and the verdict in the
 * report's own sentence (computed here, so the renderer needs none of src/saliency), without
 * the per-sample ρ, which only the report's files need.
 */
export function randomisationView(r: StoredRandomisation): RandomisationView {
  return {
    mode: r.mode, seed: r.seed, threshold: r.threshold, verdict: r.verdict, sentence: randomisationVerdict(r),
    stages: r.stages.map((s) => ({ layers: s.layers, mean: s.mean, sd: s.sd, meanAbs: s.meanAbs, samples: s.spearman.filter((v) => v !== null).length })),
  };
}

/** One explained sample's |map| and signed map, [time × regions]. */
export async function saliencySample(saliencyDir: string, position: number): Promise<{ position: number; abs: F32Base64; signed: F32Base64 }> {
  const { maps } = await readSaliencyResult(saliencyDir);
  if (!Number.isInteger(position) || position < 0 || position >= maps.samples) {
    throw new SaliencyViewError('SALIENCY_POSITION', saliencyDir, 'position', position, `a sample position in [0, ${maps.samples - 1}] (the result explains ${maps.samples} samples)`);
  }
  const cells = maps.time * maps.features;
  const signed = maps.data.slice(position * cells, (position + 1) * cells);
  const abs = signed.map(Math.abs);
  return { position, abs: f32Base64(abs, maps.time, maps.features), signed: f32Base64(signed, maps.time, maps.features) };
}

/** A request for something a stored result does not have (a sample position past its end). */
export class SaliencyViewError extends InputError {}

async function datasetInfoOrNull(dir: string): Promise<Omit<Dataset, 'data'> | null> {
  try {
    return await readDatasetInfo(dir);
  } catch (err) {
    if (err instanceof InputError) return null;
    throw err;
  }
}

/** The atlas label of map column `r`, when the dataset still has that region there. */
function regionLabel(dataset: Omit<Dataset, 'data'> | null, r: number, name: string): number | null {
  const region = dataset?.regions[r];
  return region && region.name === name ? region.label : null;
}

function onStrings(steps: Uint8Array, samples: number, window: number): string[] {
  return Array.from({ length: samples }, (_, n) => Array.from(steps.subarray(n * window, (n + 1) * window), (v) => (v ? '1' : '0')).join(''));
}

/**
 * The overall and per-class summaries in one pass over the maps: per group the summed |map|,
 * and per sample its mean |map| over regions per step and its region shares.
 */
function groupViews({ index, maps }: StoredSaliency): { overall: GroupView; perClass: (GroupView | null)[] } {
  const { samples, time, features, data } = maps;
  const cells = time * features;
  const classes = index.classes.length;
  const overallSum = new Float64Array(cells);
  const classSums = Array.from({ length: classes }, () => new Float64Array(cells));
  const temporal = new Float64Array(samples * time);
  const shares = new Float64Array(samples * features);
  for (let n = 0; n < samples; n++) {
    const label = index.samples[n].label;
    const classSum = classSums[label];
    const share = shares.subarray(n * features, (n + 1) * features);
    for (let t = 0; t < time; t++) {
      const base = n * cells + t * features;
      let step = 0;
      for (let f = 0; f < features; f++) {
        const a = Math.abs(data[base + f]);
        const i = t * features + f;
        overallSum[i] += a;
        if (classSum) classSum[i] += a;
        share[f] += a;
        step += a;
      }
      temporal[n * time + t] = step / features;
    }
    let total = 0;
    for (let f = 0; f < features; f++) total += share[f];
    if (total > 0) for (let f = 0; f < features; f++) share[f] /= total;
    else share.fill(NaN);
  }
  const all = index.samples.map((_, n) => n);
  const group = (members: number[], sum: Float64Array): GroupView => {
    const meanAbs = new Float32Array(cells);
    for (let i = 0; i < cells; i++) meanAbs[i] = sum[i] / members.length;
    const importance = columnMeanSd(shares, features, members, true);
    return { samples: members, meanAbs: f32Base64(meanAbs, time, features), temporal: columnMeanSd(temporal, time, members, false)!, importance };
  };
  return {
    overall: group(all, overallSum),
    perClass: classSums.map((sum, c) => {
      const members = all.filter((n) => index.samples[n].label === c);
      return members.length > 0 ? group(members, sum) : null;
    }),
  };
}

/**
 * Mean and sample sd (n − 1) per column over the rows `members` of a [rows × cols] table;
 * with `skipNaN`, NaN rows (all-zero maps) are left out, and no row left gives null.
 */
function columnMeanSd(table: Float64Array, cols: number, members: readonly number[], skipNaN: boolean): MeanSd | null {
  const rows = skipNaN ? members.filter((n) => !Number.isNaN(table[n * cols])) : members;
  if (rows.length === 0) return null;
  const mean = new Float64Array(cols);
  for (const n of rows) for (let j = 0; j < cols; j++) mean[j] += table[n * cols + j];
  for (let j = 0; j < cols; j++) mean[j] /= rows.length;
  const squares = new Float64Array(cols);
  for (const n of rows) for (let j = 0; j < cols; j++) squares[j] += (table[n * cols + j] - mean[j]) ** 2;
  return {
    mean: Array.from(mean),
    sd: Array.from(squares, (s) => (rows.length > 1 ? Math.sqrt(s / (rows.length - 1)) : null)),
  };
}

/**
 * topCellShare (src/saliency/aggregate/top-cell-share.ts) at several q at once: the same
 * shares (cells tied at a cut-off share its remaining places), from one radix selection of
 * every cut-off per sample instead of one sort per sample and q. `steps`: [samples × time], 1 = ON.
 */
export function onShares(maps: SaliencyMaps, steps: Uint8Array, qs: readonly number[]): OnShare[] {
  const { samples, time, features, data } = maps;
  const cells = time * features;
  const ms = qs.map((q) => Math.min(cells, Math.max(1, Math.round(q * cells))));
  // Largest m first: its cut-off is the lowest, so most cells stop after one comparison below.
  const order = Int32Array.from(ms.map((_, j) => j).sort((a, b) => ms[b] - ms[a]));
  const k = qs.length;
  const share = new Float64Array(k);
  let chance = 0;
  const magnitudes = new Float32Array(cells);
  const bits = new Uint32Array(magnitudes.buffer);
  const select = new RadixSelect(k);
  const ranks = Array.from(order, (j) => ms[j]);
  const cuts = new Float64Array(k); // ascending, in `order`
  // Per level (how many cut-offs a cell exceeds) the cells in OFF [0] and ON [1] steps.
  const levels = [new Float64Array(k + 1), new Float64Array(k + 1)];
  const tied = [new Float64Array(k), new Float64Array(k)];
  for (let n = 0; n < samples; n++) {
    const offset = n * cells;
    for (let i = 0; i < cells; i++) magnitudes[i] = Math.abs(data[offset + i]);
    select.largest(bits, ranks, cuts);
    for (const a of levels) a.fill(0);
    for (const a of tied) a.fill(0);
    let onCount = 0;
    for (let t = 0; t < time; t++) {
      const on = steps[n * time + t] === 1 ? 1 : 0;
      onCount += on;
      const level = levels[on];
      const tie = tied[on];
      const base = t * features;
      for (let f = 0; f < features; f++) {
        const v = magnitudes[base + f];
        let l = 0;
        while (l < k && v > cuts[l]) l++;
        level[l]++;
        // A cell at a cut-off is tied there (and at any equal cut-off after it).
        for (let o = l; o < k && v === cuts[o]; o++) tie[o]++;
      }
    }
    for (let o = 0; o < k; o++) {
      const j = order[o];
      let above = 0;
      let aboveOn = 0;
      for (let l = o + 1; l <= k; l++) {
        above += levels[0][l] + levels[1][l];
        aboveOn += levels[1][l];
      }
      share[j] += (aboveOn + ((ms[j] - above) / (tied[0][o] + tied[1][o])) * tied[1][o]) / ms[j];
    }
    chance += onCount / time;
  }
  return qs.map((q, j) => ({ q, share: share[j] / samples, chance: chance / samples, samples }));
}

/**
 * The m-th largest of non-negative float32 values for several m, by their bit patterns (which
 * sort as the values do when the sign bit is clear): a histogram of the high 16 bits finds
 * each value's bucket, a second pass over those buckets' low 16 bits the value itself. Two
 * passes for every m together, where a comparison selection costs several per m.
 */
class RadixSelect {
  private readonly high = new Uint32Array(65536);
  private readonly low: Uint32Array[];
  private readonly slot = new Int16Array(65536).fill(-1);

  /** `count`: how many values one call finds at most. */
  constructor(count: number) {
    this.low = Array.from({ length: count }, () => new Uint32Array(65536));
  }

  /** `out[i]` = the `ranks[i]`-th largest value (1-based) of the float32 values whose bits are `bits`. */
  largest(bits: Uint32Array, ranks: readonly number[], out: Float64Array): void {
    const { high, low, slot } = this;
    high.fill(0);
    for (let i = 0; i < bits.length; i++) high[bits[i] >>> 16]++;
    const buckets: number[] = [];
    const within: number[] = [];
    for (const m of ranks) {
      let b = 65535;
      let above = 0;
      while (above + high[b] < m) above += high[b--];
      buckets.push(b);
      within.push(m - above);
    }
    const distinct = [...new Set(buckets)];
    distinct.forEach((b, i) => {
      slot[b] = i;
      low[i].fill(0);
    });
    for (let i = 0; i < bits.length; i++) {
      const s = slot[bits[i] >>> 16];
      if (s >= 0) low[s][bits[i] & 0xffff]++;
    }
    const word = new Uint32Array(1);
    const value = new Float32Array(word.buffer);
    buckets.forEach((b, i) => {
      const counts = low[slot[b]];
      let lo = 65535;
      let above = 0;
      while (above + counts[lo] < within[i]) above += counts[lo--];
      word[0] = ((b << 16) | lo) >>> 0;
      out[i] = value[0];
    });
    for (const b of distinct) slot[b] = -1;
  }
}
