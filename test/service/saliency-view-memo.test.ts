import { readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SALIENCY_DATA, SALIENCY_JSON } from '../../src/app/layout.js';
import { writeSaliencyResult } from '../../src/saliency/store.js';
import { memoisedSaliencyView } from '../../src/service/handlers/saliency.js';
import { fromF32Base64 } from '../../src/util/f32-base64.js';
import { tempDir } from '../helpers/temp-tree.js';

const SAMPLES = 2;
const TIME = 3;
const REGIONS = 2;
const names = { run: 'r', result: 'grad' };
/** A whole-second mtime for both result files, which utimes can set again exactly (a file's own may have ns). */
const STAMP = new Date('2026-06-01T12:00:00Z');

/** A stored grad result of 2 samples (one per class) whose map values are `value(i)`, both files at STAMP. */
async function writeResult(dir: string, value: (i: number) => number): Promise<Float32Array> {
  const data = Float32Array.from({ length: SAMPLES * TIME * REGIONS }, (_, i) => value(i));
  await writeSaliencyResult(dir, {
    index: {
      run: path.join(dir, '..', 'run'), dataset: path.join(dir, '..', 'no-dataset'),
      model: { sha256: 'a'.repeat(64), weightsSha256: 'b'.repeat(64) }, method: 'grad', params: {}, samplesFrom: 'test',
      classes: ['a', 'b'], regions: ['R1', 'R2'], window: TIME,
      samples: [0, 1].map((n) => ({ index: n, label: n, target: n, predicted: n, probability: 0.75 })),
      backend: 'cpu', seconds: 1, createdAt: '2026-01-01T00:00:00.000Z',
    },
    maps: { data, samples: SAMPLES, time: TIME, features: REGIONS },
  });
  for (const file of [SALIENCY_DATA, SALIENCY_JSON]) await utimes(path.join(dir, file), STAMP, STAMP);
  return data;
}

/** Mean |map| over both samples per cell, written out plainly. */
const naiveMeanAbs = (data: Float32Array) =>
  Array.from({ length: TIME * REGIONS }, (_, c) => Math.fround((Math.abs(data[c]) + Math.abs(data[TIME * REGIONS + c])) / 2));


/** Overwrites saliency.f32 with other bytes of the same size and mtime STAMP: a re-read would fail its checksum. */
async function scrambleKeepingStamp(dir: string): Promise<void> {
  const file = path.join(dir, SALIENCY_DATA);
  const bytes = await readFile(file);
  await writeFile(file, Buffer.from(bytes.map((b) => b ^ 0x5a)));
  await utimes(file, STAMP, STAMP);
  expect((await stat(file)).mtimeMs).toBe(STAMP.getTime());
}

describe('the saliency view memo', () => {
  it('answers a reopened result from memory while its files keep their size and mtime', async () => {
    const dir = path.join(await tempDir(), 'grad');
    const data = await writeResult(dir, (i) => (i % 3) - 1.5 + i / 10);
    const first = await memoisedSaliencyView(dir, names);
    expect(Array.from(fromF32Base64(first.overall.meanAbs))).toEqual(naiveMeanAbs(data));
    await scrambleKeepingStamp(dir);
    expect(await memoisedSaliencyView(dir, names)).toBe(first);
  });

  it('reads a rewritten result afresh', async () => {
    const dir = path.join(await tempDir(), 'grad');
    await writeResult(dir, (i) => i + 1);
    const first = await memoisedSaliencyView(dir, names);
    const rewritten = await writeResult(dir, (i) => -2 * i);
    // Both files keep their sizes and saliency.json its mtime: only the maps' new mtime tells the change.
    const later = new Date(STAMP.getTime() + 60_000);
    await utimes(path.join(dir, SALIENCY_DATA), later, later);
    const second = await memoisedSaliencyView(dir, names);
    expect(second).not.toBe(first);
    expect(Array.from(fromF32Base64(second.overall.meanAbs))).toEqual(naiveMeanAbs(rewritten));
  });

  it('does not remember a failed read, and keeps only the four most recently opened results', async () => {
    const root = await tempDir();
    const broken = path.join(root, 'broken');
    await writeResult(broken, (i) => i);
    await rm(path.join(broken, SALIENCY_DATA));
    await expect(memoisedSaliencyView(broken, names)).rejects.toMatchObject({ code: 'SALIENCY_FILE', field: 'data.file' });
    const data = await writeResult(broken, (i) => i);
    expect(Array.from(fromF32Base64((await memoisedSaliencyView(broken, names)).overall.meanAbs))).toEqual(naiveMeanAbs(data));

    const dirs = ['a', 'b', 'c', 'd', 'e'].map((n) => path.join(root, n));
    for (const [k, dir] of dirs.entries()) await writeResult(dir, (i) => i * (k + 1));
    for (const dir of dirs.slice(0, 4)) await memoisedSaliencyView(dir, names);
    await memoisedSaliencyView(dirs[0], names); // a is now the most recent: b is the oldest
    await memoisedSaliencyView(dirs[4], names); // evicts b
    await scrambleKeepingStamp(dirs[0]);
    await scrambleKeepingStamp(dirs[1]);
    await expect(memoisedSaliencyView(dirs[0], names)).resolves.toBeDefined();
    await expect(memoisedSaliencyView(dirs[1], names)).rejects.toMatchObject({ code: 'SALIENCY_FILE', field: 'data.sha256' });
  });
});
