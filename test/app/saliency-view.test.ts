import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { explain } from '../../src/app/explain.js';
import { ON_SHARE_QS, onShares, saliencySample, saliencyView, type SaliencyView } from '../../src/app/saliency-view.js';
import { knownOnSteps } from '../../src/report/on-steps.js';
import { topCellShare } from '../../src/saliency/aggregate/index.js';
import { scoreAgainstMasks } from '../../src/saliency/ground-truth.js';
import { readSaliencyResult, type StoredSaliency } from '../../src/saliency/store.js';
import type { SaliencyMaps } from '../../src/saliency/types.js';
import { readDatasetInfo } from '../../src/study/cache.js';
import { groundTruthMasks } from '../../src/synth/masks.js';
import { fromF32Base64 } from '../../src/util/f32-base64.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { tinyRun } from '../saliency/helpers/tiny-run.js';

let saliencyDir: string;
let dataDir: string;
let stored: StoredSaliency;
let view: SaliencyView;
beforeAll(async () => {
  const run = await tinyRun();
  dataDir = run.dataDir;
  saliencyDir = path.join(await suiteTempDir(), 'grad');
  await explain({ run: run.runDir, backend: 'cpu', out: saliencyDir, maskedAccuracy: [0.1, 0.3] });
  stored = await readSaliencyResult(saliencyDir);
  view = await saliencyView(saliencyDir, { run: 'tiny', result: 'grad' });
}, 120_000);

const abs = (n: number, t: number, r: number) => {
  const { data, time, features } = stored.maps;
  return Math.abs(data[(n * time + t) * features + r]);
};
const range = (n: number) => [...Array(n).keys()];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]) => (xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1)) : null);

/** The group's numbers written out plainly from the stored maps. */
function naiveGroup(members: number[]) {
  const { time, features } = stored.maps;
  const meanAbs = range(time).flatMap((t) => range(features).map((r) => mean(members.map((n) => abs(n, t, r)))));
  const perStep = members.map((n) => range(time).map((t) => mean(range(features).map((r) => abs(n, t, r)))));
  const shares = members.map((n) => {
    const totals = range(features).map((r) => range(time).reduce((s, t) => s + abs(n, t, r), 0));
    const all = totals.reduce((a, b) => a + b, 0);
    return totals.map((v) => v / all);
  });
  return {
    meanAbs,
    temporal: { mean: range(time).map((t) => mean(perStep.map((p) => p[t]))), sd: range(time).map((t) => sd(perStep.map((p) => p[t]))) },
    importance: { mean: range(features).map((r) => mean(shares.map((s) => s[r]))), sd: range(features).map((r) => sd(shares.map((s) => s[r]))) },
  };
}

function expectCloseList(actual: (number | null)[], expected: (number | null)[], digits: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => (expected[i] === null ? expect(v).toBeNull() : expect(v).toBeCloseTo(expected[i]!, digits)));
}

describe('saliencyView', () => {
  it('describes the result, its regions and samples as stored and as the dataset records them', async () => {
    const { index } = stored;
    const info = await readDatasetInfo(dataDir);
    expect(view).toMatchObject({
      run: 'tiny', result: 'grad', method: 'grad', params: index.params, samplesFrom: 'test', classes: index.classes,
      window: index.window, tr: info.tr, createdAt: index.createdAt, seconds: index.seconds, backend: index.backend,
    });
    expect(view.regions).toEqual(index.regions.map((name, r) => ({ label: info.regions[r].label, name })));
    expect(view.samples).toEqual(index.samples.map((s, position) => ({
      position, index: s.index, label: s.label, target: s.target, predicted: s.predicted, probability: s.probability,
      subject: info.samples[s.index].subject, run: info.samples[s.index].run, onsetSeconds: info.samples[s.index].onsetSeconds,
    })));
  });

  it('summarises all samples and each class as a naive computation does', () => {
    const { time, features } = stored.maps;
    const groups = [{ members: range(stored.index.samples.length), got: view.overall }, ...stored.index.classes.map((_, c) => ({
      members: range(stored.index.samples.length).filter((n) => stored.index.samples[n].label === c), got: view.perClass[c],
    }))];
    expect(view.perClass).toHaveLength(stored.index.classes.length);
    for (const { members, got } of groups) {
      if (members.length === 0) {
        expect(got).toBeNull();
        continue;
      }
      const naive = naiveGroup(members);
      expect(got!.samples).toEqual(members);
      expect(got!.meanAbs).toMatchObject({ rows: time, cols: features });
      expectCloseList(Array.from(fromF32Base64(got!.meanAbs)), naive.meanAbs.map((v) => Math.fround(v)), 6);
      expectCloseList(got!.temporal.mean, naive.temporal.mean, 9);
      expectCloseList(got!.temporal.sd, naive.temporal.sd, 9);
      expectCloseList(got!.importance!.mean, naive.importance.mean, 9);
      expectCloseList(got!.importance!.sd, naive.importance.sd, 9);
    }
  });

  it('scores faithfulness: the stored masked accuracy, the planted boxes, and the ON-share of topCellShare', async () => {
    const { index, maps } = stored;
    const m = index.maskedAccuracy!;
    expect(view.faithfulness.maskedAccuracy).toEqual({ ps: [0.1, 0.3], baseline: m.baseline, salient: m.salient, random: m.random });
    const indices = index.samples.map((s) => s.index);
    const masks = await groundTruthMasks(dataDir, indices);
    expect(view.faithfulness.groundTruth).toEqual(scoreAgainstMasks(maps, masks!));
    const on = (await knownOnSteps(dataDir, indices, index.window))!;
    expect(view.onSteps).toEqual(indices.map((_, n) => Array.from(on.steps.subarray(n * index.window, (n + 1) * index.window)).join('')));
    expect(view.faithfulness.onShare!.map((s) => s.q)).toEqual([...ON_SHARE_QS]);
    for (const s of view.faithfulness.onShare!) {
      const reference = topCellShare(maps, on.steps, { q: s.q });
      expect(s.share).toBeCloseTo(reference.mean, 12);
      expect(s.chance).toBeCloseTo(reference.chance, 12);
      expect(s.samples).toBe(indices.length);
    }
  });

  it('answers one sample’s signed map and its absolute value', async () => {
    const { time, features, data } = stored.maps;
    const position = 3;
    const sample = await saliencySample(saliencyDir, position);
    const signed = Array.from(data.subarray(position * time * features, (position + 1) * time * features));
    expect(Array.from(fromF32Base64(sample.signed))).toEqual(signed);
    expect(Array.from(fromF32Base64(sample.abs))).toEqual(signed.map(Math.abs));
    await expect(saliencySample(saliencyDir, stored.index.samples.length)).rejects.toMatchObject({ code: 'SALIENCY_POSITION', field: 'position' });
  });
});

describe('onShares', () => {
  /** Deterministic maps with many ties (values on a coarse grid), some samples without ON steps. */
  function tiedMaps(samples: number, time: number, features: number): { maps: SaliencyMaps; steps: Uint8Array } {
    const data = Float32Array.from({ length: samples * time * features }, (_, i) => (Math.floor(Math.abs(Math.sin(i * 12.9898) * 43758.5453) % 5) - 2) * 0.5);
    const steps = Uint8Array.from({ length: samples * time }, (_, i) => (Math.floor(i / time) % 3 === 2 ? 0 : (i * 7) % 3 === 0 ? 1 : 0));
    return { maps: { data, samples, time, features }, steps };
  }

  it('equals topCellShare at every q, ties at the cut-off included', () => {
    const { maps, steps } = tiedMaps(7, 11, 13);
    const qs = [0.05, 0.1, 0.3, 0.5, 0.9];
    const got = onShares(maps, steps, qs);
    qs.forEach((q, j) => {
      const reference = topCellShare(maps, steps, { q });
      expect(got[j].share).toBeCloseTo(reference.mean, 12);
      expect(got[j].chance).toBeCloseTo(reference.chance, 12);
    });
  });

  it('scores a flat map exactly at chance, and a map salient only in ON steps at 1', () => {
    const time = 4;
    const features = 3;
    const steps = Uint8Array.from([0, 1, 1, 0]);
    const flat = { data: new Float32Array(time * features).fill(2), samples: 1, time, features };
    expect(onShares(flat, steps, [0.25])[0]).toEqual({ q: 0.25, share: 0.5, chance: 0.5, samples: 1 });
    const onOnly = { data: Float32Array.from({ length: time * features }, (_, i) => (steps[Math.floor(i / features)] ? -3 : 0.1)), samples: 1, time, features };
    expect(onShares(onOnly, steps, [0.5])[0].share).toBe(1);
  });
});
