import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas, type Atlas } from '../../src/atlas/index.js';
import { DEMO_GRID, DEMO_TASKS, demoFiles, readDemoGroundTruth, writeDemoStudy, type DemoFile, type DemoOptions } from '../../src/demo/index.js';
import { writeNifti } from '../../src/nifti/index.js';
import { shared } from '../helpers/shared-data.js';
import { suiteTempDir, tempDir } from '../helpers/temp-tree.js';

/**
 * A small atlas on the demo grid: each planted region (and two others) a 3×3×3 cube, so a
 * whole study is generated in about a second.
 */
async function cubeAtlas(): Promise<Atlas> {
  const dir = await suiteTempDir();
  const names = [...DEMO_TASKS.flatMap((t) => t.regions), 'Other_A', 'Other_B'];
  const [nx, ny] = DEMO_GRID.shape;
  const labels = new Int16Array(DEMO_GRID.shape.reduce((p, n) => p * n, 1));
  names.forEach((_, r) => {
    const [x0, y0, z0] = [4 + 4 * (r % 8), 10 + 4 * Math.floor(r / 8), 20];
    for (let z = z0; z < z0 + 3; z++) for (let y = y0; y < y0 + 3; y++) for (let x = x0; x < x0 + 3; x++) labels[x + nx * (y + ny * z)] = r + 1;
  });
  const file = path.join(dir, 'cubes.nii.gz');
  await writeNifti(file, { shape: [...DEMO_GRID.shape], datatype: 'int16', affine: DEMO_GRID.affine, data: labels });
  await writeFile(path.join(dir, 'cubes.nii.txt'), names.map((n, r) => `${r + 1} ${n} ${r + 1}`).join('\n') + '\n');
  return loadAtlas(file);
}

/** The whole study in memory, for comparing two generations file by file. */
async function generateDemoStudy(options: DemoOptions = {}): Promise<DemoFile[]> {
  const files: DemoFile[] = [];
  for await (const file of demoFiles(options)) files.push(file);
  return files;
}

const asMap = (files: DemoFile[]) => new Map(files.map((f) => [f.path, Buffer.from(f.data)]));

describe('generateDemoStudy is deterministic from its seed', () => {
  let atlas: Atlas;
  let first: Map<string, Buffer>;
  beforeAll(async () => {
    atlas = await cubeAtlas();
    first = asMap(await generateDemoStudy({ seed: 7, atlas }));
  });

  it('lists the BIDS files of 16 subjects × 3 tasks and the ground truth', () => {
    expect(first.size).toBe(3 + 48 * 3 + 1);
    expect([...first.keys()].slice(0, 3)).toEqual(['dataset_description.json', 'participants.tsv', 'README.md']);
    expect(first.has('sub-04/func/sub-04_task-language_bold.nii.gz')).toBe(true);
    expect(first.has('sub-02/func/sub-02_task-motor_events.tsv')).toBe(true);
    expect([...first.keys()].at(-1)).toBe('ground_truth.json');
  });

  it('gives identical bytes for the same seed', async () => {
    const again = asMap(await generateDemoStudy({ seed: 7, atlas }));
    expect([...again.keys()]).toEqual([...first.keys()]);
    for (const [name, bytes] of first) expect(Buffer.compare(again.get(name)!, bytes), name).toBe(0);
  });

  it('gives different images, blocks and gains for another seed', async () => {
    const other = asMap(await generateDemoStudy({ seed: 8, atlas }));
    for (const name of first.keys()) {
      if (name.endsWith('_bold.nii.gz')) expect(Buffer.compare(other.get(name)!, first.get(name)!), name).not.toBe(0);
    }
    const truth = (m: Map<string, Buffer>) => JSON.parse(m.get('ground_truth.json')!.toString());
    const [a, b] = [truth(first), truth(other)];
    expect(a.runs.map((r: { blocks: unknown }) => r.blocks)).not.toEqual(b.runs.map((r: { blocks: unknown }) => r.blocks));
    expect(a.runs.map((r: { gain: number }) => r.gain)).not.toEqual(b.runs.map((r: { gain: number }) => r.gain));
  });

  it('writes the same files into an existing empty folder, leaving no staging folder', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'demo');
    await mkdir(dir);
    const truth = await writeDemoStudy(dir, 7, { atlas });
    for (const [name, bytes] of first) expect(Buffer.compare(await readFile(path.join(dir, name)), bytes), name).toBe(0);
    expect(await readdir(parent)).toEqual(['demo']);
    expect(truth).toEqual(await readDemoGroundTruth(dir));
    expect(truth.tasks[0].regions.map((r) => r.voxels)).toEqual([27, 27, 27, 27, 27]);
  });
});

describe('demo study refusals', () => {
  it('refuses a seed that is not a 32-bit unsigned integer', async () => {
    for (const seed of [-1, 1.5, 2 ** 32, NaN]) {
      await expect(generateDemoStudy({ seed })).rejects.toThrow(expect.objectContaining({ code: 'DEMO_SEED' }));
    }
  });

  it('refuses an atlas without the planted regions and leaves nothing behind', async () => {
    const aicha = await loadAtlas(shared('atlases', 'AICHAmc.nii.gz'));
    const parent = await tempDir();
    await expect(writeDemoStudy(path.join(parent, 'demo'), 1, { atlas: aicha })).rejects.toThrow(
      expect.objectContaining({ name: 'AtlasError', code: 'DEMO_ATLAS_REGION', value: 'Precentral_L' }),
    );
    expect(await readdir(parent)).toEqual([]);
  });

  it('never writes into a folder that has files, or over a file', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'notes.txt'), 'mine');
    await expect(writeDemoStudy(dir)).rejects.toThrow(expect.objectContaining({ name: 'StudyError', code: 'DEMO_DIR' }));
    await expect(writeDemoStudy(path.join(dir, 'notes.txt'))).rejects.toThrow(expect.objectContaining({ code: 'DEMO_DIR' }));
    expect(await readdir(dir)).toEqual(['notes.txt']);
  });

  it('reads only a demo ground truth', async () => {
    const dir = await tempDir();
    await expect(readDemoGroundTruth(dir)).rejects.toThrow(expect.objectContaining({ code: 'DEMO_GROUND_TRUTH', field: 'path' }));
    await writeFile(path.join(dir, 'ground_truth.json'), JSON.stringify({ format: 'other', version: 1 }));
    await expect(readDemoGroundTruth(dir)).rejects.toThrow(expect.objectContaining({ field: 'format/version' }));
    await writeFile(path.join(dir, 'ground_truth.json'), '{ not json');
    await expect(readDemoGroundTruth(dir)).rejects.toThrow(expect.objectContaining({ field: 'contents' }));
  });
});
