import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas, parcellate, parseRegionNames, readRegionNames } from '../../src/atlas/index.js';
import { AtlasError } from '../../src/errors.js';
import { Cancelled } from '../../src/util/cancel.js';
import { shared } from '../helpers/shared-data.js';
import { writeNifti1, type NiftiToWrite } from '../helpers/write-nifti.js';

const BOLD = shared('parcellation', 'sub-01_task-demo_bold.nii.gz');
const IDENTITY = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];

async function atlasError(p: Promise<unknown>): Promise<AtlasError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AtlasError);
  return err as AtlasError;
}

function namesError(text: string, file = 'names.txt'): AtlasError {
  try {
    parseRegionNames(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(AtlasError);
    return err as AtlasError;
  }
  throw new Error('expected an AtlasError');
}

describe('atlas images that cannot be used', () => {
  let dir: string;
  const write = async (name: string, img: Partial<NiftiToWrite>) => {
    const file = path.join(dir, name);
    await writeNifti1(file, { shape: [4, 3, 2], datatype: 'uint8', affine: IDENTITY, data: new Array(24).fill(1), ...img });
    return file;
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'atlas-errors-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('rejects a float probability map as not integral, naming the first bad voxel', async () => {
    const data = Array.from({ length: 24 }, (_, i) => (i < 3 ? 0 : 0.25));
    const file = await write('prob.nii', { datatype: 'float32', data });
    const err = await atlasError(loadAtlas(file));
    expect(err).toMatchObject({ code: 'ATLAS_NOT_INTEGRAL', file, field: 'voxel 3', value: 0.25 });
  });

  it('rejects negative labels', async () => {
    const file = await write('neg.nii', { datatype: 'int16', data: Array.from({ length: 24 }, (_, i) => (i === 5 ? -2 : 1)) });
    expect(await atlasError(loadAtlas(file))).toMatchObject({ code: 'ATLAS_NEGATIVE_LABEL', field: 'voxel 5', value: -2 });
  });

  it('rejects a 4-D atlas with several volumes', async () => {
    const file = await write('4d.nii', { shape: [4, 3, 2, 2], data: new Array(48).fill(1) });
    expect(await atlasError(loadAtlas(file))).toMatchObject({ code: 'ATLAS_DIMENSIONS', value: [4, 3, 2, 2] });
  });

  it('accepts a 4-D atlas with a single volume', async () => {
    const file = await write('4d1.nii', { shape: [4, 3, 2, 1] });
    expect((await loadAtlas(file)).regionVoxels).toEqual([24]);
  });

  it('rejects an atlas with no labels at all', async () => {
    const file = await write('zero.nii', { data: new Array(24).fill(0) });
    expect((await atlasError(loadAtlas(file))).code).toBe('ATLAS_EMPTY');
  });

  it('rejects an atlas that does not overlap the BOLD grid', async () => {
    const far = IDENTITY.map((row, i) => (i < 3 ? [...row.slice(0, 3), 1000] : row));
    const file = await write('far.nii', { affine: far });
    const err = await atlasError(parcellate(BOLD, await loadAtlas(file)));
    expect(err).toMatchObject({ code: 'ATLAS_NO_OVERLAP', file });
  });

  it('rejects an atlas whose affine is singular', async () => {
    const flat = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 0, 1]];
    const file = await write('singular.nii', { affine: flat });
    expect(await atlasError(parcellate(BOLD, await loadAtlas(file)))).toMatchObject({ code: 'ATLAS_AFFINE', file, field: 'affine' });
  });

  it('rejects a 2-D image as the data to parcellate', async () => {
    const atlas = await loadAtlas(await write('ok.nii', {}));
    const flat = await write('flat.nii', { shape: [4, 6], datatype: 'float32' });
    expect(await atlasError(parcellate(flat, atlas))).toMatchObject({ code: 'ATLAS_DATA_DIMENSIONS', file: flat, value: [4, 6] });
  });
});

describe('names files that cannot be used', () => {
  it('rejects an MRIcron line with too many fields, naming the line', () => {
    expect(namesError('1 Precentral_L 2001\n2 Precentral R 2002\n')).toMatchObject({ code: 'NAMES_MALFORMED', field: 'line 2', value: '2 Precentral R 2002' });
  });

  it('rejects an MRIcron line whose index is not a whole number', () => {
    expect(namesError('1 A\n2.5 B\n')).toMatchObject({ code: 'NAMES_MALFORMED', field: 'line 2' });
  });

  it('rejects a FreeSurfer LUT line with a non-integer colour', () => {
    expect(namesError('# LUT\n0 Unknown 0 0 0 0\n17 Left-Hippocampus 220 x 20 0\n')).toMatchObject({ code: 'NAMES_MALFORMED', field: 'line 3' });
  });

  it('rejects a table row whose index is not a whole number', () => {
    expect(namesError('index\tname\n1\tA\nB\tB\n', 'n.tsv')).toMatchObject({ code: 'NAMES_MALFORMED', field: 'line 3' });
  });

  it('rejects a table without index and name columns, listing the columns found', () => {
    expect(namesError('roi_label,colour\n1,red\n', 'n.csv')).toMatchObject({ code: 'NAMES_COLUMNS', value: ['roi_label', 'colour'] });
  });

  it('rejects an index named twice with different names', () => {
    expect(namesError('1 A\n2 B\n1 C\n')).toMatchObject({ code: 'NAMES_DUPLICATE', field: 'line 3' });
  });

  it('rejects a names file with no entries', () => {
    expect(namesError('# only a comment\n\n')).toMatchObject({ code: 'NAMES_EMPTY' });
  });

  it('rejects a names file that does not exist', async () => {
    expect(await atlasError(readRegionNames('/nonexistent/names.txt'))).toMatchObject({ code: 'NAMES_NOT_FOUND' });
  });
});

describe('progress and cancellation', () => {
  it('reports progress once per volume, from 0 to the volume count', async () => {
    const atlas = await loadAtlas(shared('atlases', 'aal.nii.gz'));
    const seen: string[] = [];
    await parcellate(BOLD, atlas, { onProgress: (done, total) => seen.push(`${done}/${total}`) });
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `${i}/24`));
  });

  it('stops between volumes with Cancelled when the signal is aborted', async () => {
    const atlas = await loadAtlas(shared('atlases', 'aal.nii.gz'));
    const controller = new AbortController();
    let last = 0;
    const run = parcellate(BOLD, atlas, {
      signal: controller.signal,
      onProgress: (done) => {
        last = done;
        if (done === 3) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(Cancelled);
    expect(last).toBe(3);
  });

  it('does not start when the signal is already aborted: Cancelled, caused by the reason', async () => {
    const atlas = await loadAtlas(shared('atlases', 'aal.nii.gz'));
    const reason = new Error('user cancelled');
    const error = await parcellate(BOLD, atlas, { signal: AbortSignal.abort(reason) }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Cancelled);
    expect((error as Cancelled).cause).toBe(reason);
  });
});
