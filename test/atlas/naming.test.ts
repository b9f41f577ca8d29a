import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas } from '../../src/atlas/index.js';
import { AtlasError } from '../../src/errors.js';
import { shared } from '../helpers/shared-data.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { writeNifti1 } from '../helpers/write-nifti.js';

const AAL = shared('atlases', 'aal.nii.gz');
const AAL_NAMES = shared('atlases', 'aal.nii.txt');
const AICHA = shared('atlases', 'AICHAmc.nii.gz');
const IDENTITY = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];

async function refusal(p: Promise<unknown>): Promise<AtlasError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AtlasError);
  return err as AtlasError;
}

describe('a names file for another atlas', () => {
  it('is refused for AICHA (192 labels) with AAL names (116), naming the names file and the counts', async () => {
    const err = await refusal(loadAtlas(AICHA, AAL_NAMES));
    expect(err).toMatchObject({ code: 'NAMES_MISMATCH', file: AAL_NAMES, value: '116 of 192 (unnamed: 117–192)' });
    expect(err.message).toBe(
      `${AAL_NAMES}: labels of ${AICHA} named = "116 of 192 (unnamed: 117–192)"; expected the names file of this atlas, or --allow-unnamed to name regions by label number`,
    );
  });

  it('is accepted with allowUnnamed, naming labels 117–192 by number and warning about them', async () => {
    const atlas = await loadAtlas(AICHA, AAL_NAMES, { allowUnnamed: true });
    expect(atlas.regions).toHaveLength(192);
    expect(atlas.regions[0]).toEqual({ label: 1, name: 'Precentral_L' });
    expect(atlas.regions[116]).toEqual({ label: 117, name: '117' });
    expect(atlas.naming.unnamed).toEqual(Array.from({ length: 76 }, (_, i) => 117 + i));
    expect(atlas.warnings).toEqual([`${AAL_NAMES}: 76 of the 192 labels of ${AICHA} not named there, so named by label value: 117–192`]);
  });
});

describe('an atlas with its own names file', () => {
  it('AAL with the AAL names loads with no warnings and nothing unnamed, unused or shared', async () => {
    const atlas = await loadAtlas(AAL, AAL_NAMES);
    expect(atlas.warnings).toEqual([]);
    expect(atlas.naming).toEqual({ unnamed: [], unused: [], duplicates: [] });
  });

  it('AICHA with its MRIcron sidecar loads with no warnings', async () => {
    const atlas = await loadAtlas(AICHA);
    expect(atlas.namesFile).toBe(shared('atlases', 'AICHAmc.nii.txt'));
    expect(atlas.warnings).toEqual([]);
  });
});

describe('names files that do not quite match a hand-made atlas', () => {
  let dir: string;
  let labels: string;
  // Labels 1–10, two voxels each, no background.
  const data = Array.from({ length: 20 }, (_, i) => (i % 10) + 1);
  const names = async (file: string, entries: [number, string][]) => {
    const p = path.join(dir, file);
    await writeFile(p, entries.map(([l, n]) => `${l} ${n}\n`).join(''));
    return p;
  };
  const numbered = (from: number, to: number): [number, string][] =>
    Array.from({ length: to - from + 1 }, (_, i) => [from + i, `Region_${from + i}`]);

  beforeAll(async () => {
    dir = await suiteTempDir();
    labels = path.join(dir, 'ten.nii');
    await writeNifti1(labels, { shape: [5, 4, 1], datatype: 'uint8', affine: IDENTITY, data });
  });

  it('warns about an image label the names file lacks (9 of 10 named) and names it by number', async () => {
    const file = await names('nine.txt', numbered(1, 9));
    const atlas = await loadAtlas(labels, file);
    expect(atlas.regions[9]).toEqual({ label: 10, name: '10' });
    expect(atlas.naming.unnamed).toEqual([10]);
    expect(atlas.warnings).toEqual([`${file}: 1 of the 10 labels of ${labels} not named there, so named by label value: 10`]);
  });

  it('refuses a names file that names 8 of 10 labels, and accepts it with allowUnnamed', async () => {
    const file = await names('eight.txt', numbered(1, 8));
    const err = await refusal(loadAtlas(labels, file));
    expect(err).toMatchObject({ code: 'NAMES_MISMATCH', file, value: '8 of 10 (unnamed: 9, 10)' });
    const atlas = await loadAtlas(labels, file, { allowUnnamed: true });
    expect(atlas.regions.slice(8)).toEqual([{ label: 9, name: '9' }, { label: 10, name: '10' }]);
    expect(atlas.warnings[0]).toMatch(/2 of the 10 labels .* so named by label value: 9, 10$/);
  });

  it('warns about named labels the image lacks, listing a few and how many more', async () => {
    const file = await names('extra.txt', numbered(1, 30));
    const atlas = await loadAtlas(labels, file);
    expect(atlas.naming.unused).toEqual(Array.from({ length: 20 }, (_, i) => 11 + i));
    expect(atlas.regionVoxels.slice(10)).toEqual(new Array(20).fill(0));
    expect(atlas.warnings).toEqual([
      `${file}: 20 named labels with no voxel in ${labels}, kept as regions without voxels: 11 Region_11, 12 Region_12, 13 Region_13, 14 Region_14, 15 Region_15 and 15 more`,
    ]);
  });

  it('tells apart regions that share a name by appending their label, with a warning', async () => {
    const entries = numbered(1, 10);
    entries[2] = [3, 'Thalamus'];
    entries[6] = [7, 'Thalamus'];
    const file = await names('dup.txt', entries);
    const atlas = await loadAtlas(labels, file);
    expect(atlas.regions[2]).toEqual({ label: 3, name: 'Thalamus (label 3)' });
    expect(atlas.regions[6]).toEqual({ label: 7, name: 'Thalamus (label 7)' });
    expect(new Set(atlas.regions.map((r) => r.name)).size).toBe(10);
    expect(atlas.naming.duplicates).toEqual([{ name: 'Thalamus', labels: [3, 7] }]);
    expect(atlas.warnings).toEqual([
      `${file}: 1 name given to several labels, so those regions are named "<name> (label <n>)": "Thalamus" (labels 3, 7)`,
    ]);
  });

  it('says so when there is no names file at all, naming regions by number', async () => {
    const atlas = await loadAtlas(labels);
    expect(atlas.regions.map((r) => r.name)).toEqual(data.slice(0, 10).map(String));
    expect(atlas.naming.unnamed).toHaveLength(10);
    expect(atlas.warnings).toEqual([`${labels}: no names file (none given, no <atlas>.txt beside it); its 10 regions are named by label value`]);
  });
});
