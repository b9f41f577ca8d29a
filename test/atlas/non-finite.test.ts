import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas, parcellate, type Atlas, type ParcellationResult } from '../../src/atlas/index.js';
import { readNifti } from '../../src/nifti/index.js';
import { shared } from '../helpers/shared-data.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { writeNifti1 } from '../helpers/write-nifti.js';
import { naiveParcellation, type NaiveResult } from './naive-parcellation.js';

const BOLD = shared('parcellation', 'sub-01_task-demo_bold.nii.gz');
const AAL = shared('atlases', 'aal.nii.gz');
const NAMES = shared('atlases', 'aal.nii.txt');
const IDENTITY = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];

/** Deterministic values in [0, 1) (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function expectMatchesNaive(result: ParcellationResult, naive: NaiveResult): void {
  expect(result.regions.map((r) => r.voxels)).toEqual(naive.voxels);
  result.means.forEach((series, r) => series.forEach((m, t) => {
    if (Number.isNaN(naive.means[r][t])) expect(m).toBeNaN();
    else expect(Math.abs(m - naive.means[r][t])).toBeLessThan(1e-9);
  }));
  const affected = naive.nonFinite.flatMap((counts, r) => (counts.some((n) => n > 0) ? [r] : []));
  expect(result.nonFinite.map((r) => r.label)).toEqual(affected.map((r) => result.regions[r].label));
  result.nonFinite.forEach((region, i) => expect(Array.from(region.perVolume)).toEqual(naive.nonFinite[affected[i]]));
}

describe('NaN and ±Inf voxels in a hand-made run', () => {
  const shape = [6, 4, 3];
  const n = 72;
  const volumes = 5;
  let dir: string;
  let atlas: Atlas;
  let atlasFile: string;
  let labels: number[];

  beforeAll(async () => {
    dir = await suiteTempDir();
    const rand = random(7);
    labels = Array.from({ length: n }, () => Math.floor(rand() * 5));
    atlasFile = path.join(dir, 'atlas.nii');
    await writeNifti1(atlasFile, { shape, datatype: 'uint8', affine: IDENTITY, data: labels });
    await writeFile(path.join(dir, 'atlas.nii.txt'), 'A B C D'.split(' ').map((name, i) => `${i + 1} ${name}\n`).join(''));
    atlas = await loadAtlas(atlasFile);
  });

  /** A run of random eighths with `poison(voxel, t)` where it returns a value. */
  async function run(name: string, poison: (voxel: number, t: number) => number | undefined): Promise<string> {
    const rand = random(11);
    const data = Array.from({ length: n * volumes }, (_, i) => poison(i % n, Math.floor(i / n)) ?? Math.round(rand() * 1600 - 800) / 8);
    const file = path.join(dir, name);
    await writeNifti1(file, { shape: [...shape, volumes], datatype: 'float32', affine: IDENTITY, data, tr: 2 });
    return file;
  }

  it('averages only the finite voxels of each region, as a per-voxel nanmean does', async () => {
    const inRegion = (label: number) => labels.flatMap((l, v) => (l === label ? [v] : []));
    const [a, b] = [inRegion(1), inRegion(2)];
    const file = await run('mixed.nii', (v, t) => {
      if ((v === a[0] && (t === 0 || t === 3)) || (v === a[1] && t === 3)) return NaN;
      if (v === b[0] && t === 1) return Infinity;
      if (v === b[1] && t === 4) return -Infinity;
      return undefined;
    });
    const result = await parcellate(file, atlas);
    const naive = await naiveParcellation(file, atlasFile, atlas.regions.map((r) => r.label));
    expectMatchesNaive(result, naive);
    expect(result.means.flatMap((s) => Array.from(s)).every(Number.isFinite)).toBe(true);
    expect(result.nonFinite.map((r) => [r.name, Array.from(r.perVolume), r.emptyVolumes])).toEqual([
      ['A', [1, 0, 0, 2, 0], []],
      ['B', [0, 1, 0, 0, 1], []],
    ]);
    expect(result.warnings).toEqual([
      `${file}: non-finite voxels (NaN or ±Inf) left out of the means of 2 regions: A (up to 2 of ${a.length} voxels, in 2 of 5 volumes), B (up to 1 of ${b.length} voxels, in 2 of 5 volumes)`,
    ]);
  });

  it('gives NaN where a region has no finite voxel, and reports that volume', async () => {
    const file = await run('all-nan.nii', (v, t) => (labels[v] === 3 && t === 2 ? NaN : undefined));
    const result = await parcellate(file, atlas);
    expectMatchesNaive(result, await naiveParcellation(file, atlasFile, atlas.regions.map((r) => r.label)));
    expect(result.means[2][2]).toBeNaN();
    expect(Number.isFinite(result.means[2][1])).toBe(true);
    const voxels = labels.filter((l) => l === 3).length;
    expect(result.nonFinite).toMatchObject([{ label: 3, name: 'C', voxels, emptyVolumes: [2] }]);
    expect(result.warnings[1]).toBe(`${file}: 1 region with no finite voxel at some volumes, so nan there: C (t2)`);
  });

  it('reports nothing for a run without non-finite voxels', async () => {
    const result = await parcellate(await run('clean.nii', () => undefined), atlas);
    expect(result.nonFinite).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
});

describe('NaN voxels in the demo run with AAL', () => {
  it('match a naive per-voxel nanmean for a NaN slab and a NaN volume', async () => {
    const dir = await suiteTempDir();
    const bold = await readNifti(BOLD);
    const [nx, ny, nz] = bold.header.shape;
    const perVolume = nx * ny * nz;
    const data = Float64Array.from(bold.data, (v, i) => {
      const t = Math.floor(i / perVolume);
      const z = Math.floor((i % perVolume) / (nx * ny));
      return z === 20 || (t === 5 && z > 10) ? NaN : v;
    });
    const file = path.join(dir, 'bold-nan.nii.gz');
    await writeNifti1(file, { shape: bold.header.shape, datatype: 'float32', affine: bold.header.affine, data, tr: 2 });
    const atlas = await loadAtlas(AAL, NAMES);
    const result = await parcellate(file, atlas);
    const naive = await naiveParcellation(file, AAL, atlas.regions.map((r) => r.label));
    expectMatchesNaive(result, naive);
    // The slab and the volume must actually hit regions, some of them entirely at t5.
    expect(result.nonFinite.length).toBeGreaterThan(10);
    expect(result.nonFinite.some((r) => r.emptyVolumes.includes(5))).toBe(true);
    expect(result.warnings).toHaveLength(2);
  });
});
