import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas, parcellate, parseRegionNames, readRegionNames } from '../../src/atlas/index.js';
import { shared } from '../helpers/shared-data.js';
import { writeNifti1 } from '../helpers/write-nifti.js';

const IDENTITY = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];

describe('region names files', () => {
  it('reads the MRIcron AAL file (CRLF, index name code) with all 116 names', async () => {
    const names = await readRegionNames(shared('atlases', 'aal.nii.txt'));
    expect(names.format).toBe('mricron');
    expect(names.regions).toHaveLength(116);
    expect(names.regions[0]).toEqual({ label: 1, name: 'Precentral_L' });
    expect(names.regions[115]).toEqual({ label: 116, name: 'Vermis_10' });
    // Independent check: the second column of every non-empty line, in file order.
    const lines = readFileSync(shared('atlases', 'aal.nii.txt'), 'latin1').split(/\r?\n/).filter((l) => l.trim());
    expect(names.regions.map((r) => r.name)).toEqual(lines.map((l) => l.trim().split(/\s+/)[1]));
  });

  it('reads the MRIcron AICHA file', async () => {
    const names = await readRegionNames(shared('atlases', 'AICHAmc.nii.txt'));
    expect(names.regions[0]).toEqual({ label: 1, name: 'G_Frontal_Sup-1' });
    expect(names.regions).toHaveLength(192);
    expect(names.regions[191]).toEqual({ label: 192, name: 'N_Thalamus-9' });
  });

  it('reads a TSV with index and name header columns and extra columns', () => {
    const names = parseRegionNames('index\tname\tnetwork\n2\tLeft Amygdala\tlimbic\n1\tRight Amygdala\tlimbic\n', 'x.tsv');
    expect(names).toEqual({ format: 'table', regions: [{ label: 1, name: 'Right Amygdala' }, { label: 2, name: 'Left Amygdala' }] });
  });

  it('reads a CSV with label and label_name columns, quoted names and a BOM', () => {
    const names = parseRegionNames('\uFEFFlabel_name,label\n"Cingulum, anterior",7\nInsula,3\n', 'x.csv');
    expect(names.regions).toEqual([{ label: 3, name: 'Insula' }, { label: 7, name: 'Cingulum, anterior' }]);
  });

  it('reads a whitespace-separated table with a "value region" header', () => {
    expect(parseRegionNames('value region\n4 Thalamus_L\n', 'x.txt').regions).toEqual([{ label: 4, name: 'Thalamus_L' }]);
  });

  it('reads a FreeSurfer LUT, skipping comments and the background entry', () => {
    const lut = [
      '#$Id: FreeSurferColorLUT.txt',
      '#No. Label Name:                R   G   B   A',
      '',
      '0   Unknown                     0   0   0   0',
      '17  Left-Hippocampus            220 216 20  0',
      '53\tRight-Hippocampus\t220\t216\t20\t0',
    ].join('\n');
    const names = parseRegionNames(lut, 'FreeSurferColorLUT.txt');
    expect(names.format).toBe('freesurfer-lut');
    expect(names.regions).toEqual([{ label: 17, name: 'Left-Hippocampus' }, { label: 53, name: 'Right-Hippocampus' }]);
  });

  it('reads headerless tab-separated lines whose names contain spaces', () => {
    expect(parseRegionNames('1\tLeft Putamen\n2\tRight Putamen\n', 'x.txt').regions[1]).toEqual({ label: 2, name: 'Right Putamen' });
  });

  it('reads headerless CSV lines with quoted names containing commas', () => {
    const names = parseRegionNames('1,"Cingulum, anterior",x\n2,Insula,y\n', 'x.txt');
    expect(names.regions).toEqual([{ label: 1, name: 'Cingulum, anterior' }, { label: 2, name: 'Insula' }]);
  });
});

describe('naming regions when loading an atlas', () => {
  let dir: string;
  const shape = [4, 3, 2];
  // Labels 0, 2, 5 and 9 occur in the image.
  const data = Array.from({ length: 24 }, (_, i) => [0, 2, 5, 9][i % 4]);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-names-'));
    await writeNifti1(path.join(dir, 'tiny.nii'), { shape, datatype: 'uint8', affine: IDENTITY, data });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('names every region by its label value when no names file exists', async () => {
    const atlas = await loadAtlas(path.join(dir, 'tiny.nii'));
    expect(atlas.namesFile).toBeNull();
    expect(atlas.regions).toEqual([{ label: 2, name: '2' }, { label: 5, name: '5' }, { label: 9, name: '9' }]);
    expect(atlas.regionVoxels).toEqual([6, 6, 6]);
  });

  it('with allowUnnamed, names unnamed labels by value and keeps named labels absent from the image', async () => {
    const names = path.join(dir, 'partial.tsv');
    await writeFile(names, 'index\tname\n2\tTwo\n7\tSeven\n');
    await expect(loadAtlas(path.join(dir, 'tiny.nii'), names)).rejects.toMatchObject({ code: 'NAMES_MISMATCH', value: '1 of 3 (unnamed: 5, 9)' });
    const atlas = await loadAtlas(path.join(dir, 'tiny.nii'), names, { allowUnnamed: true });
    expect(atlas.namesFile).toBe(names);
    expect(atlas.naming).toEqual({ unnamed: [5, 9], unused: [7], duplicates: [] });
    expect(atlas.regions).toEqual([{ label: 2, name: 'Two' }, { label: 5, name: '5' }, { label: 7, name: 'Seven' }, { label: 9, name: '9' }]);
    expect(atlas.regionVoxels).toEqual([6, 6, 0, 6]);
  });

  it('reports a named label absent from the atlas as absent and vanished, with no voxels and NaN means', async () => {
    const names = path.join(dir, 'extra.txt');
    await writeFile(names, '2 Two\n5 Five\n7 Seven\n9 Nine\n');
    const atlas = await loadAtlas(path.join(dir, 'tiny.nii'), names);
    const bold = path.join(dir, 'bold.nii');
    const boldData = Array.from({ length: 48 }, (_, i) => i);
    await writeNifti1(bold, { shape: [...shape, 2], datatype: 'float32', affine: IDENTITY, data: boldData, tr: 1.5 });
    const result = await parcellate(bold, atlas);
    expect(result.absent).toEqual([{ label: 7, name: 'Seven' }]);
    expect(result.vanished).toEqual([{ label: 7, name: 'Seven' }]);
    expect(result.regions.map((r) => r.voxels)).toEqual([6, 6, 0, 6]);
    // Label 2 sits at x = 1 of each row: voxels 1, 5, …, 21; volume 1 adds 24 to each.
    expect(Array.from(result.means[0])).toEqual([11, 35]);
    expect(result.means[2].every(Number.isNaN)).toBe(true);
  });

  it('uses the MRIcron sidecar <atlas>.txt copied beside a renamed atlas', async () => {
    await copyFile(shared('atlases', 'aal.nii.gz'), path.join(dir, 'my_aal.nii.gz'));
    await copyFile(shared('atlases', 'aal.nii.txt'), path.join(dir, 'my_aal.nii.txt'));
    const atlas = await loadAtlas(path.join(dir, 'my_aal.nii.gz'));
    expect(atlas.namesFile).toBe(path.join(dir, 'my_aal.nii.txt'));
    expect(atlas.regions[1]).toEqual({ label: 2, name: 'Precentral_R' });
  });
});
