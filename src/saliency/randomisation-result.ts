/** What the model-parameter randomisation check (randomisation.ts) keeps: stages, verdict, and their checker; no TF.js. */
import { array, nested, num, oneOf, record, strings, type Fail } from '../util/check.js';
import { RANDOMISATION_MODES, type RandomisationMode } from './randomisation-modes.js';
import { spearman } from './spearman.js';
import type { SaliencyMaps } from './types.js';

/**
 * Mean |ρ| at full randomisation from which the maps fail. A map that keeps a rank
 * correlation of 0.5 or more with itself once no weight the model learned is left still
 * orders most of its cells as before: what orders them is the input (or the architecture),
 * not what the model learned. 0.5 is also the conventional "large" correlation, and the
 * maps the paper calls insensitive (gradient ⊙ input, guided backprop) stay above it.
 */
export const RANDOMISATION_FAIL_THRESHOLD = 0.5;

/** One randomisation stage: which layer groups were re-initialised and how far the maps moved. */
export interface RandomisationStage {
  /** Layer groups re-initialised at this stage, head first. */
  layers: string[];
  /** Spearman ρ of |trained map| and |randomised map| per sample; null where a map is constant. */
  spearman: (number | null)[];
  /** Mean and sd of ρ, and mean |ρ|, over the samples with a ρ; null where none has one. */
  mean: number | null;
  sd: number | null;
  meanAbs: number | null;
}

/** The check's result, as saliency.json, provenance.json and ExplainResult keep it. */
export interface StoredRandomisation {
  mode: RandomisationMode;
  /** How weights were re-initialised: with the model's own initialisers (Glorot-uniform matrices, zero biases). */
  init: 'model';
  seed: number;
  threshold: number;
  /** In order of randomisation; the last is the fully randomised model. */
  stages: RandomisationStage[];
  /** `fails` when mean |ρ| at full randomisation ≥ threshold; `undetermined` when no sample had a ρ there. */
  verdict: 'passes' | 'fails' | 'undetermined';
}

/** ρ per sample between |trained| and |randomised|, and its summary. */
export function stageOf(layers: string[], trained: SaliencyMaps, randomised: SaliencyMaps): RandomisationStage {
  const cells = trained.time * trained.features;
  const rhos: (number | null)[] = [];
  for (let s = 0; s < trained.samples; s++) {
    const a = trained.data.subarray(s * cells, (s + 1) * cells).map(Math.abs);
    const b = randomised.data.subarray(s * cells, (s + 1) * cells).map(Math.abs);
    const rho = spearman(a, b);
    rhos.push(Number.isFinite(rho) ? rho : null);
  }
  const found = rhos.filter((r): r is number => r !== null);
  if (found.length === 0) return { layers, spearman: rhos, mean: null, sd: null, meanAbs: null };
  const mean = found.reduce((x, r) => x + r, 0) / found.length;
  const sd = Math.sqrt(found.reduce((x, r) => x + (r - mean) ** 2, 0) / found.length);
  const meanAbs = found.reduce((x, r) => x + Math.abs(r), 0) / found.length;
  return { layers, spearman: rhos, mean, sd, meanAbs };
}

/** One sentence on the result, for the report and the CLI. */
export function randomisationVerdict(r: StoredRandomisation): string {
  const last = r.stages[r.stages.length - 1];
  if (r.verdict === 'undetermined' || !last || last.meanAbs === null) return 'The randomisation check is undetermined: every map was constant, so no rank correlation exists.';
  const rho = `mean |ρ| = ${last.meanAbs.toFixed(2)} between trained and fully randomised maps`;
  return r.verdict === 'fails'
    ? `These maps fail the randomisation check (${rho}, ≥ ${r.threshold}): they barely change when the model's weights are randomised, so they reflect the input more than what the model learned.`
    : `These maps pass the randomisation check (${rho}, < ${r.threshold}): they change when the model's weights are randomised.`;
}

const nullableNum = (o: Record<string, unknown>, key: string, fail: Fail, opts: { min?: number; max?: number } = {}): number | null => (o[key] === null ? null : num(o, key, fail, opts));

/** saliency.json's `randomisation`, checked as written. */
export function checkStoredRandomisation(value: unknown, fail: Fail): StoredRandomisation {
  const o = record(value, 'randomisation', fail);
  const f = nested(fail, 'randomisation');
  if (o.init !== 'model') f('init', o.init, '"model" (the model\'s own initialisers)');
  const stages = array(o, 'stages', f).map((s, i) => {
    const e = record(s, `stages[${i}]`, f);
    const g = nested(f, `stages[${i}]`);
    const rhos = array(e, 'spearman', g).map((r, j) => {
      if (r !== null && !(typeof r === 'number' && r >= -1 && r <= 1)) g(`spearman[${j}]`, r, 'a correlation in [−1, 1] or null');
      return r as number | null;
    });
    return { layers: strings(e, 'layers', g), spearman: rhos, mean: nullableNum(e, 'mean', g, { min: -1, max: 1 }), sd: nullableNum(e, 'sd', g, { min: 0, max: 1 }), meanAbs: nullableNum(e, 'meanAbs', g, { min: 0, max: 1 }) };
  });
  if (stages.length === 0) f('stages', '[]', 'at least one stage');
  const verdict = oneOf(o, 'verdict', ['passes', 'fails', 'undetermined'] as const, f);
  return { mode: oneOf(o, 'mode', RANDOMISATION_MODES, f), init: 'model', seed: num(o, 'seed', f, { integer: true, min: 0 }), threshold: num(o, 'threshold', f, { min: 0, max: 1 }), stages, verdict };
}
