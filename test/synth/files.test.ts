import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasetCache, writeDatasetCache } from '../../src/study/index.js';
import { generateSynth, readSynth, writeSynth } from '../../src/synth/index.js';
import { tempDir } from '../helpers/temp-tree.js';

describe('synthetic dataset files', () => {
  const synth = generateSynth('three-middle', 4);

  it('round-trip values, masks and description; the dataset reads like any dataset cache', async () => {
    const dir = await tempDir();
    await writeSynth(dir, synth);
    expect((await readdir(dir)).sort()).toEqual(['dataset.f32', 'dataset.json', 'mask.u8', 'synth.json']);
    const back = await readSynth(dir);
    expect(Buffer.compare(back.mask, synth.mask)).toBe(0);
    expect(Buffer.compare(Buffer.from(back.dataset.data.buffer, back.dataset.data.byteOffset, back.dataset.data.byteLength),
      Buffer.from(synth.dataset.data.buffer))).toBe(0);
    expect(back.info).toEqual(synth.info);
    expect(back.dataset.samples).toEqual(synth.dataset.samples);
    expect((await readDatasetCache(dir)).classes).toEqual(['-1', '+1']);
  });

  it('stores the mask as raw uint8, samples × time × features, described in synth.json', async () => {
    const dir = await tempDir();
    await writeSynth(dir, synth);
    const raw = await readFile(path.join(dir, 'mask.u8'));
    // three-middle: t25–65 over f0–30, f35–65, f70–100.
    expect([raw[(7 * 100 + 25) * 100 + 0], raw[(7 * 100 + 24) * 100 + 0], raw[(7 * 100 + 64) * 100 + 99], raw[(7 * 100 + 40) * 100 + 32]]).toEqual([1, 0, 1, 0]);
    const meta = JSON.parse(await readFile(path.join(dir, 'synth.json'), 'utf8'));
    expect([meta.name, meta.seed, meta.mask.shape, meta.boxSets[0].length, meta.sampleBoxSet.length]).toEqual(['three-middle', 4, [1300, 100, 100], 3, 1300]);
  });

  it('detects a corrupted mask', async () => {
    const dir = await tempDir();
    await writeSynth(dir, synth);
    const file = path.join(dir, 'mask.u8');
    const raw = await readFile(file);
    raw[123] ^= 1;
    await writeFile(file, raw);
    await expect(readSynth(dir)).rejects.toThrow(/mask\.u8: sha256 = .*as synth\.json says/);
  });

  it('detects a dataset rewritten without its mask', async () => {
    const dir = await tempDir();
    await writeSynth(dir, synth);
    await writeDatasetCache(dir, generateSynth('three-middle', 5).dataset);
    await expect(readSynth(dir)).rejects.toThrow(/datasetSha256/);
  });

  it('a folder without synth.json is one clear error', async () => {
    const dir = await tempDir();
    await expect(readSynth(dir)).rejects.toThrow(/synth\.json.*run the synth command first/);
  });
});
