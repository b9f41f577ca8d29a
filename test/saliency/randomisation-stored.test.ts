import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredRandomisation } from '../../src/saliency/randomisation-result.js';
import { readSaliencyResult, SaliencyStoreError, writeSaliencyResult, type StoredSaliency } from '../../src/saliency/store.js';
import { tempDir } from '../helpers/temp-tree.js';

const CHECK: StoredRandomisation = {
  mode: 'cascading', init: 'model', seed: 2, threshold: 0.5, verdict: 'passes',
  stages: [
    { layers: ['head'], spearman: [0.75, null], mean: 0.75, sd: 0, meanAbs: 0.75 },
    { layers: ['head', 'cell'], spearman: [-0.125, null], mean: -0.125, sd: 0, meanAbs: 0.125 },
  ],
};

function result(): StoredSaliency {
  return {
    maps: { data: Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => i / 8), samples: 2, time: 3, features: 4 },
    index: {
      run: '/runs/a', dataset: '/data/a', model: { sha256: 'a'.repeat(64), weightsSha256: 'b'.repeat(64) }, method: 'grad', params: {}, samplesFrom: 'test',
      classes: ['rest', 'motor'], regions: ['A', 'B', 'C', 'D'], window: 3,
      samples: [{ index: 7, label: 1, target: 1, predicted: 0, probability: 0.25 }, { index: 9, label: 0, target: 0, predicted: 0, probability: 0.9 }],
      backend: 'cpu', seconds: 1.5, createdAt: '2026-12-02T00:00:00.000Z', randomisation: CHECK,
    },
  };
}

async function withStored(edit: (r: Record<string, unknown>) => void): Promise<string> {
  const dir = await tempDir();
  await writeSaliencyResult(dir, result());
  const file = path.join(dir, 'saliency.json');
  const json = JSON.parse(await readFile(file, 'utf8'));
  edit(json.randomisation);
  await writeFile(file, JSON.stringify(json));
  return dir;
}

describe('saliency.json randomisation', () => {
  it('reads back the check as written, null correlations included', async () => {
    const dir = await tempDir();
    await writeSaliencyResult(dir, result());
    expect((await readSaliencyResult(dir)).index.randomisation).toEqual(CHECK);
  });

  it('refuses a correlation outside [−1, 1], an unknown mode and an unknown verdict, naming the field', async () => {
    const rho = await withStored((r) => ((r.stages as { spearman: number[] }[])[1].spearman[0] = 1.5));
    await expect(readSaliencyResult(rho)).rejects.toThrow(SaliencyStoreError);
    await expect(readSaliencyResult(rho)).rejects.toThrow(/randomisation\.stages\[1\]\.spearman\[0\] = 1\.5/);
    await expect(readSaliencyResult(await withStored((r) => (r.mode = 'sideways')))).rejects.toThrow(/randomisation\.mode/);
    await expect(readSaliencyResult(await withStored((r) => (r.verdict = 'maybe')))).rejects.toThrow(/randomisation\.verdict/);
  });
});
