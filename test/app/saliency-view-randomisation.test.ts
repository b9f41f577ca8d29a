/**
 * The randomisation check as the Saliency screen reads it (saliencyView's
 * faithfulness.randomisation): the stage summaries as saliency.json holds them, the number
 * of samples with a ρ, and the report's verdict sentence, within the contract's schema.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { saliencyView as viewSchema } from '../../src/api/index.js';
import { explain } from '../../src/app/explain.js';
import { randomisationView, saliencyView, type SaliencyView } from '../../src/app/saliency-view.js';
import { randomisationVerdict, type StoredRandomisation } from '../../src/saliency/randomisation-result.js';
import { readSaliencyResult, type StoredSaliency } from '../../src/saliency/store.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { tinyRun } from '../saliency/helpers/tiny-run.js';

let stored: StoredSaliency;
let view: SaliencyView;
let unchecked: SaliencyView;
beforeAll(async () => {
  const run = await tinyRun();
  const root = await suiteTempDir();
  const checked = path.join(root, 'grad');
  await explain({ run: run.runDir, backend: 'cpu', out: checked, randomisation: 'cascading' });
  stored = await readSaliencyResult(checked);
  view = await saliencyView(checked, { run: 'tiny', result: 'grad' });
  const plain = path.join(root, 'grad-plain');
  await explain({ run: run.runDir, backend: 'cpu', out: plain });
  unchecked = await saliencyView(plain, { run: 'tiny', result: 'grad-plain' });
}, 180_000);

/** Mean, population sd and mean |ρ| of the ρ a stage has, written out plainly. */
function naiveSummary(rhos: (number | null)[]) {
  const found = rhos.filter((r): r is number => r !== null);
  if (found.length === 0) return { mean: null, sd: null, meanAbs: null, samples: 0 };
  let sum = 0;
  for (const r of found) sum += r;
  const mean = sum / found.length;
  let squares = 0;
  let abs = 0;
  for (const r of found) {
    squares += (r - mean) * (r - mean);
    abs += Math.abs(r);
  }
  return { mean, sd: Math.sqrt(squares / found.length), meanAbs: abs / found.length, samples: found.length };
}

describe('saliencyView: the randomisation check', () => {
  it('carries the stored check of a result computed with it: mode, seed, threshold, verdict and each stage', () => {
    const r = stored.index.randomisation!;
    expect(r.mode).toBe('cascading');
    const got = view.faithfulness.randomisation!;
    expect(got).toMatchObject({ mode: 'cascading', seed: r.seed, threshold: r.threshold, verdict: r.verdict });
    // Cascading: one stage per layer group, each holding one more, head first.
    expect(got.stages.map((s) => s.layers)).toEqual(r.stages.map((s) => s.layers));
    expect(got.stages.length).toBeGreaterThan(1);
    got.stages.forEach((s, k) => expect(s.layers.slice(0, -1)).toEqual(k === 0 ? [] : got.stages[k - 1].layers));
    got.stages.forEach((s, k) => {
      const saved = r.stages[k];
      expect({ mean: s.mean, sd: s.sd, meanAbs: s.meanAbs }).toEqual({ mean: saved.mean, sd: saved.sd, meanAbs: saved.meanAbs });
      const naive = naiveSummary(saved.spearman);
      expect(s.samples).toBe(naive.samples);
      expect(saved.spearman).toHaveLength(stored.index.samples.length);
      if (naive.meanAbs === null) {
        expect(s.meanAbs).toBeNull();
      } else {
        expect(s.mean!).toBeCloseTo(naive.mean!, 12);
        expect(s.sd!).toBeCloseTo(naive.sd!, 12);
        expect(s.meanAbs!).toBeCloseTo(naive.meanAbs, 12);
      }
    });
  });

  it('says the verdict in the report\'s sentence, and fits the contract', () => {
    const got = view.faithfulness.randomisation!;
    expect(got.sentence).toBe(randomisationVerdict(stored.index.randomisation!));
    const last = got.stages.at(-1)!;
    if (got.verdict !== 'undetermined') expect(got.sentence).toContain(`mean |ρ| = ${last.meanAbs!.toFixed(2)}`);
    expect(got.verdict).toBe(last.meanAbs === null ? 'undetermined' : last.meanAbs >= got.threshold ? 'fails' : 'passes');
    expect(viewSchema.parse(view)).toEqual(view);
  });

  it('is null for a result computed without it', () => {
    expect(unchecked.faithfulness.randomisation).toBeNull();
    expect(viewSchema.parse(unchecked).faithfulness.randomisation).toBeNull();
  });
});

describe('randomisationView', () => {
  it('counts the samples with a ρ and keeps null summaries of a stage without any', () => {
    const r: StoredRandomisation = {
      mode: 'independent', init: 'model', seed: 7, threshold: 0.5, verdict: 'fails',
      stages: [
        { layers: ['dense', 'lstm'], spearman: [0.9, null, 0.7, 0.8], mean: 0.8, sd: Math.sqrt(2 / 300), meanAbs: 0.8 },
      ],
    };
    expect(randomisationView(r)).toEqual({
      mode: 'independent', seed: 7, threshold: 0.5, verdict: 'fails',
      sentence: 'These maps fail the randomisation check (mean |ρ| = 0.80 between trained and fully randomised maps, ≥ 0.5): they barely change when the model\'s weights are randomised, so they reflect the input more than what the model learned.',
      stages: [{ layers: ['dense', 'lstm'], mean: 0.8, sd: Math.sqrt(2 / 300), meanAbs: 0.8, samples: 3 }],
    });
    const constant: StoredRandomisation = { ...r, verdict: 'undetermined', stages: [{ layers: ['dense'], spearman: [null, null], mean: null, sd: null, meanAbs: null }] };
    expect(randomisationView(constant).stages).toEqual([{ layers: ['dense'], mean: null, sd: null, meanAbs: null, samples: 0 }]);
    expect(randomisationView(constant).sentence).toBe('The randomisation check is undetermined: every map was constant, so no rank correlation exists.');
  });

  it('gives the sentence the renderer fixtures show for a passing cascading check (test/renderer/saliency-fixtures.ts)', () => {
    const r: StoredRandomisation = {
      mode: 'cascading', init: 'model', seed: 0, threshold: 0.5, verdict: 'passes',
      stages: [
        { layers: ['dense'], spearman: [0.69, 0.53, 0.61], mean: 0.61, sd: 0.08, meanAbs: 0.61 },
        { layers: ['dense', 'lstm'], spearman: [0.08, -0.16, null], mean: -0.04, sd: 0.15, meanAbs: 0.12 },
      ],
    };
    const got = randomisationView(r);
    expect(got.sentence).toBe('These maps pass the randomisation check (mean |ρ| = 0.12 between trained and fully randomised maps, < 0.5): they change when the model\'s weights are randomised.');
    expect(got.stages.map((s) => s.samples)).toEqual([3, 2]);
  });
});
