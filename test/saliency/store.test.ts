import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSaliencyResult, writeSaliencyResult, type StoredSaliency } from '../../src/saliency/store.js';
import { tempDir } from '../helpers/temp-tree.js';

function result(): StoredSaliency {
  const data = Float32Array.from({ length: 2 * 3 * 4 }, (_, i) => (i - 7) / 3);
  return {
    maps: { data, samples: 2, time: 3, features: 4 },
    index: {
      run: '/runs/a', dataset: '/data/a', model: { sha256: 'a'.repeat(64), weightsSha256: 'b'.repeat(64) }, method: 'ig', params: { steps: 50, rule: 'gausslegendre' }, samplesFrom: 'test',
      classes: ['rest', 'motor'], regions: ['A', 'B', 'C', 'D'], window: 3,
      samples: [{ index: 7, label: 1, target: 1, predicted: 0, probability: 0.25, delta: -0.001 }, { index: 9, label: 0, target: 0, predicted: 0, probability: 0.9 }],
      backend: 'cpu', seconds: 1.5, createdAt: '2026-11-24T00:00:00.000Z',
    },
  };
}

describe('saliency result store', () => {
  it('reads back exactly what it wrote: values as little-endian float32 in sample, time, region order', async () => {
    const dir = await tempDir();
    await writeSaliencyResult(dir, result());
    const back = await readSaliencyResult(dir);
    expect(back).toEqual(result());
    const bytes = await readFile(path.join(dir, 'saliency.f32'));
    // Element (sample 1, time 2, region 3) is the last one: (23 − 7) / 3.
    expect(bytes.readFloatLE(23 * 4)).toBeCloseTo(16 / 3, 6);
    const json = JSON.parse(await readFile(path.join(dir, 'saliency.json'), 'utf8'));
    expect(json.data).toMatchObject({ shape: [2, 3, 4], axes: ['sample', 'time', 'region'], dtype: 'float32', byteOrder: 'little', bytes: 96 });
  });

  it('refuses a truncated or altered maps file, naming the file and the field', async () => {
    const dir = await tempDir();
    await writeSaliencyResult(dir, result());
    const file = path.join(dir, 'saliency.f32');
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, 90));
    await expect(readSaliencyResult(dir)).rejects.toThrow(/saliency\.json: data\.bytes = 90; expected 96 bytes/);
    bytes[0] ^= 1;
    await writeFile(file, bytes);
    await expect(readSaliencyResult(dir)).rejects.toThrow(/data\.sha256 = "[0-9a-f]{64}"; expected [0-9a-f]{64} \(corrupted/);
  });

  it('refuses maps whose shape disagrees with the index instead of writing them', async () => {
    const bad = result();
    bad.maps = { ...bad.maps, time: 4, features: 3 };
    await expect(writeSaliencyResult(await tempDir(), bad)).rejects.toThrow(/do not match the index/);
  });

  it('says what to run when the folder holds no result', async () => {
    await expect(readSaliencyResult(await tempDir())).rejects.toThrow(/path = .*; expected a saliency result folder holding saliency\.json \(run `saliency-studio saliency` first\)/);
  });
});
