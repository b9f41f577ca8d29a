import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { atlasInfo } from '../../src/api/schemas/study.js';
import { describeAtlas } from '../../src/app/atlas-info.js';
import { AtlasError } from '../../src/errors.js';
import { shared } from '../helpers/shared-data.js';
import { tempDir, writeTree } from '../helpers/temp-tree.js';

/** `index name code` lines of an MRIcron names file, read plainly (not the app's parser). */
function mricronNames(file: string): { label: number; name: string }[] {
  return readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim()).map((l) => {
    const [label, name] = l.trim().split(/\s+/);
    return { label: Number(label), name };
  });
}

describe('describeAtlas', () => {
  it('with no choice, lists the bundled AAL: its 116 regions with the names of the MRIcron names file', async () => {
    const info = await describeAtlas();
    const reference = mricronNames(shared('atlases', 'aal.nii.txt'));
    expect(reference).toHaveLength(116);
    expect(atlasInfo.parse(info)).toEqual(info);
    expect(info).toMatchObject({ name: 'AAL', bundled: true, warnings: [] });
    expect(info.regions).toEqual(reference);
    expect(info.regions[0]).toEqual({ label: 1, name: 'Precentral_L' });
    expect(info.regions.find((r) => r.label === 116)).toEqual({ label: 116, name: 'Vermis_10' });
  });

  it('a names file without a label image renames the bundled AAL regions', async () => {
    const dir = await tempDir();
    const lines = readFileSync(shared('atlases', 'aal.nii.txt'), 'utf8').replace(/^1 Precentral_L /m, '1 Motor_Left ');
    await writeTree(dir, { 'names.txt': lines });
    const info = await describeAtlas({ names: path.join(dir, 'names.txt') });
    expect(info.bundled).toBe(true);
    expect(info.regions[0]).toEqual({ label: 1, name: 'Motor_Left' });
    expect(info.regions[1]).toEqual({ label: 2, name: 'Precentral_R' });
  });

  it('a user atlas is named by its file and lists the regions of its names file', async () => {
    const labels = shared('atlases', 'AICHAmc.nii.gz');
    const info = await describeAtlas({ labels, names: shared('atlases', 'AICHAmc.nii.txt') });
    expect(info).toMatchObject({ name: 'AICHAmc.nii.gz', bundled: false });
    expect(info.regions).toEqual(mricronNames(shared('atlases', 'AICHAmc.nii.txt')).sort((a, b) => a.label - b.label));
  });

  it('refuses a 4-D image as a label atlas with an AtlasError naming the file', async () => {
    const labels = shared('nifti', 'example4d.nii.gz');
    const error = await describeAtlas({ labels }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(AtlasError);
    expect(error).toMatchObject({ code: 'ATLAS_DIMENSIONS', file: labels });
  });
});
