import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateResult, AGGREGATE_DEFAULTS } from '../../src/app/aggregate.js';
import { explain } from '../../src/app/explain.js';
import { readSaliencyResult, type StoredSaliency } from '../../src/saliency/store.js';
import { readDatasetInfo } from '../../src/study/cache.js';
import { Cancelled } from '../../src/util/cancel.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { tinyRun } from '../saliency/helpers/tiny-run.js';

let saliencyDir: string;
let stored: StoredSaliency;
let dataDir: string;
beforeAll(async () => {
  const run = await tinyRun();
  dataDir = run.dataDir;
  saliencyDir = path.join(await suiteTempDir(), 'grad');
  await explain({ run: run.runDir, backend: 'cpu', out: saliencyDir });
  stored = await readSaliencyResult(saliencyDir);
}, 120_000);

/** Mean over `members` of |map| at each (t, r), written out plainly. */
function naiveMeanAbs(members: number[]): number[][] {
  const { data, time, features } = stored.maps;
  return [...Array(time).keys()].map((t) => [...Array(features).keys()].map((r) =>
    members.reduce((sum, n) => sum + Math.abs(data[(n * time + t) * features + r]), 0) / members.length));
}

function rows(m: { time: number; regions: number; data: Float64Array }): number[][] {
  return [...Array(m.time).keys()].map((t) => Array.from(m.data.subarray(t * m.regions, (t + 1) * m.regions)));
}

function expectClose(actual: number[][], expected: number[][]) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, t) => row.forEach((v, r) => expect(v).toBeCloseTo(expected[t][r], 9)));
}

describe('aggregateResult', () => {
  it('summarises a stored result overall, per class and per sample as a naive computation does', async () => {
    const progress: string[] = [];
    const result = await aggregateResult({ saliencyDir }, { onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`) });
    const { index, maps } = stored;
    expect(result).toMatchObject({ saliencyDir: path.resolve(saliencyDir), method: 'grad', regions: index.regions, classes: index.classes, window: index.window });
    const tr = (await readDatasetInfo(dataDir)).tr;
    expect(result.tr).toBe(tr);
    expect(result.seconds).toEqual([...Array(index.window).keys()].map((t) => t * tr));
    expect(progress.at(-1)).toBe(`aggregate ${index.classes.length + 1}/${index.classes.length + 1}`);

    const all = index.samples.map((_, n) => n);
    expect(result.overall.samples).toEqual(all);
    expectClose(rows(result.overall.meanAbs), naiveMeanAbs(all));

    // Temporal profile: mean over samples of each sample's mean |map| over regions.
    const naiveProfile = naiveMeanAbs(all).map((row) => row.reduce((a, b) => a + b, 0) / maps.features);
    Array.from(result.overall.temporalProfile.mean).forEach((v, t) => expect(v).toBeCloseTo(naiveProfile[t], 9));

    // Top regions per step: the k largest of the mean |map|, most salient first.
    const k = Math.min(AGGREGATE_DEFAULTS.topK, maps.features);
    expect(result.overall.topRegions.k).toBe(k);
    naiveMeanAbs(all).forEach((row, t) => {
      const order = row.map((v, r) => [v, r]).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k).map(([, r]) => r);
      expect(Array.from(result.overall.topRegions.regions.subarray(t * k, (t + 1) * k))).toEqual(order);
    });

    // Region importance: per sample shares of the time-mean |map|, then mean and sd across samples.
    const shares = all.map((n) => {
      const perRegion = [...Array(maps.features).keys()].map((r) => naiveMeanAbs([n]).reduce((s, row) => s + row[r], 0) / maps.time);
      const total = perRegion.reduce((a, b) => a + b, 0);
      return perRegion.map((v) => v / total);
    });
    const importance = result.overall.regionImportance!;
    [...Array(maps.features).keys()].forEach((r) => {
      const values = shares.map((s) => s[r]);
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
      expect(importance.mean[r]).toBeCloseTo(mean, 9);
      expect(importance.sd[r]).toBeCloseTo(sd, 9);
    });
    expect(Math.min(...importance.rank)).toBe(1);

    // Per class: the mean over the samples of that true label.
    expect(result.perClass.map((c) => c.name)).toEqual(index.classes);
    let seen = 0;
    for (const c of result.perClass) {
      const members = all.filter((n) => index.samples[n].label === c.class);
      if (members.length === 0) {
        expect(c.summary).toBeNull();
        continue;
      }
      seen += members.length;
      expect(c.summary!.samples).toEqual(members);
      expectClose(rows(c.summary!.meanAbs), naiveMeanAbs(members));
    }
    expect(seen).toBe(index.samples.length);
    expect(result.perClass.filter((c) => c.summary !== null).length).toBeGreaterThan(1);

    // Per sample: labels, predictions, probabilities and its own |map|.
    expect(result.samples).toHaveLength(index.samples.length);
    result.samples.forEach((s, n) => {
      const e = index.samples[n];
      expect(s).toMatchObject({
        index: e.index, label: e.label, labelName: index.classes[e.label], target: e.target,
        predicted: e.predicted, predictedName: index.classes[e.predicted], probability: e.probability, correct: e.label === e.predicted,
      });
      expectClose(rows(s.abs), naiveMeanAbs([n]));
    });
  });

  it('caps top-k at the number of regions, and stops with Cancelled when aborted', async () => {
    const result = await aggregateResult({ saliencyDir, topK: 10_000 });
    expect(result.overall.topRegions.k).toBe(stored.maps.features);
    const controller = new AbortController();
    controller.abort();
    await expect(aggregateResult({ saliencyDir }, { signal: controller.signal })).rejects.toBeInstanceOf(Cancelled);
  });

  it('throws the store error for a folder without a result', async () => {
    await expect(aggregateResult({ saliencyDir: path.join(dataDir, 'nothing') })).rejects.toMatchObject({ name: 'SaliencyStoreError' });
  });
});
