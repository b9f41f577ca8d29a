import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { defaultAtlasPaths } from '../../src/assets.js';
import { loadAtlas } from '../../src/atlas/load.js';
import { readNifti } from '../../src/nifti/index.js';
import { writeNifti } from '../../src/nifti/write.js';
import { exportReport } from '../../src/report/export.js';
import { atlasGrid, gridFor4d } from '../../src/report/map-grid.js';
import { NIFTI_FILES } from '../../src/report/nifti-maps.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { TR, writeKnownRun } from './helpers/known-run.js';
import { pythonFor, runPythonJson } from './helpers/python.js';
import { column, readTable } from './helpers/read-table.js';

/** The bundled 1 mm AAL sampled every 2nd voxel (labels and names unchanged): the maps' atlas, 8× lighter to test. */
const AAL_SHAPE = [91, 109, 91];
const AAL_AFFINE = [[2, 0, 0, -90], [0, 2, 0, -125], [0, 0, 2, -71], [0, 0, 0, 1]];
/** A 4 mm functional grid inside the AAL box: voxel (i, j, k) is atlas voxel (25 + 2i, 32 + 2j, 20 + 2k). */
const FUNC_AFFINE = [[4, 0, 0, -40], [0, 4, 0, -61], [0, 0, 4, -31], [0, 0, 0, 1]];
const FUNC_SHAPE = [20, 24, 20];

let out: string;
let aal: Float64Array;
/** label → value per column of regions.tsv / region_by_time.tsv, read from the written tables. */
let importanceOf: Map<number, number>;
let stepValueOf: Map<number, number>[];

beforeAll(async () => {
  const root = await suiteTempDir();
  const { runDir } = await writeKnownRun(root);
  const fine = await readNifti(defaultAtlasPaths().labels);
  aal = Float64Array.from({ length: 91 * 109 * 91 }, (_, v) => fine.data[2 * (v % 91) + 181 * (2 * (Math.floor(v / 91) % 109) + 217 * 2 * Math.floor(v / (91 * 109)))]);
  const labels = path.join(root, 'aal2mm.nii.gz');
  await writeNifti(labels, { shape: AAL_SHAPE, datatype: 'uint8', affine: AAL_AFFINE, data: aal, space: 'mni' });
  const reference = path.join(root, 'bold.nii');
  await writeNifti(reference, { shape: [...FUNC_SHAPE, 3], datatype: 'float32', affine: FUNC_AFFINE, data: new Float32Array(20 * 24 * 20 * 3), tr: TR });
  out = path.join(root, 'report');
  await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv', 'nifti'], functionalReference: reference, atlas: { labels, names: defaultAtlasPaths().names } });
  const regions = readTable(await readFile(path.join(out, 'regions.tsv'), 'utf8'), '\t');
  const regionLabels = column(regions, 'label').map(Number);
  importanceOf = new Map(regionLabels.map((l, i) => [l, Number(column(regions, 'importance_mean')[i])]));
  const byTime = readTable(await readFile(path.join(out, 'region_by_time.tsv'), 'utf8'), '\t');
  stepValueOf = ['t0_0s', 't1_2s'].map((c) => new Map(regionLabels.map((l, i) => [l, Number(column(byTime, c)[i])])));
});

/** Every voxel of `volume` holds Math.fround(value of its atlas label), 0 outside the report's regions. */
function expectPainted(volume: Float64Array, labelAt: (v: number) => number, values: Map<number, number>, atLeast = 1000): void {
  let painted = 0;
  let mismatches = 0;
  for (let v = 0; v < volume.length; v++) {
    const expected = Math.fround(values.get(labelAt(v)) ?? 0);
    if (volume[v] !== expected) mismatches++;
    if (expected !== 0) painted++;
  }
  expect(mismatches).toBe(0);
  expect(painted).toBeGreaterThan(atLeast);
}

describe('NIfTI maps on the atlas grid', () => {
  it('gives every voxel of a region its importance from regions.tsv, 0 elsewhere, in MNI space with the atlas affine', async () => {
    const { header, data } = await readNifti(path.join(out, NIFTI_FILES.importance));
    expect(header.shape).toEqual(AAL_SHAPE);
    expect(header.affine).toEqual(AAL_AFFINE);
    expect([header.sformCode, header.qformCode]).toEqual([4, 4]);
    expect(header.intentCode).toBe(1001); // NIFTI_INTENT_ESTIMATE
    expect(header.description).toMatch(/^saliency-studio grad importance/);
    expect(header.datatype.name).toBe('float32');
    expectPainted(data, (v) => aal[v], importanceOf);
  });

  it('holds one volume per time step with each region\'s mean |saliency| from region_by_time.tsv, and the TR', async () => {
    const { header, data } = await readNifti(path.join(out, NIFTI_FILES.byTime));
    expect(header.shape).toEqual([...AAL_SHAPE, 2]);
    expect(header.tr).toBe(TR);
    expect(header.affine).toEqual(AAL_AFFINE);
    const n = header.voxelsPerVolume;
    for (let t = 0; t < 2; t++) expectPainted(data.subarray(t * n, (t + 1) * n), (v) => aal[v], stepValueOf[t]);
  });
});

describe('NIfTI maps on the functional grid', () => {
  const funcLabel = (v: number) => {
    const [i, j, k] = [v % 20, Math.floor(v / 20) % 24, Math.floor(v / 480)];
    return aal[25 + 2 * i + 91 * (32 + 2 * j + 109 * (20 + 2 * k))];
  };

  it('resamples the atlas onto the reference grid (nearest neighbour) and paints the same values', async () => {
    const map3 = await readNifti(path.join(out, NIFTI_FILES.importanceFunc));
    expect(map3.header.shape).toEqual(FUNC_SHAPE);
    expect(map3.header.affine).toEqual(FUNC_AFFINE);
    expectPainted(map3.data, funcLabel, importanceOf, 50);
    const map4 = await readNifti(path.join(out, NIFTI_FILES.byTimeFunc));
    expect(map4.header.shape).toEqual([...FUNC_SHAPE, 2]);
    const n = 20 * 24 * 20;
    for (let t = 0; t < 2; t++) expectPainted(map4.data.subarray(t * n, (t + 1) * n), funcLabel, stepValueOf[t], 50);
  });
});

describe('4-D grid size', () => {
  it('samples a fine atlas every 2nd voxel when a long window would not fit', async () => {
    const atlas = await loadAtlas(defaultAtlasPaths().labels);
    const lg = gridFor4d(atlas, atlasGrid(atlas), 10);
    expect(lg.factor).toBe(2);
    expect(lg.grid.shape).toEqual([91, 109, 91]);
    expect(lg.grid.affine).toEqual([[2, 0, 0, -90], [0, 2, 0, -125], [0, 0, 2, -71], [0, 0, 0, 1]]);
    let mismatches = 0;
    for (let v = 0; v < lg.labels.length; v++) {
      const [i, j, k] = [v % 91, Math.floor(v / 91) % 109, Math.floor(v / (91 * 109))];
      if (lg.labels[v] !== atlas.labels[2 * i + 181 * (2 * j + 217 * 2 * k)]) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(gridFor4d(atlas, atlasGrid(atlas), 2).factor).toBe(1);
  });
});

const nibabel = pythonFor('nibabel', 'numpy');

describe.skipIf(!nibabel.ok)(`loaded by nibabel${nibabel.skip}`, () => {
  it(`opens both maps with MNI sform/qform, the estimate intent, TR and the same voxels${nibabel.skip}`, () => {
    const script = `
import json, sys, nibabel as nib, numpy as np
out = {}
for f in sys.argv[1:]:
    img = nib.load(f)
    s, sc = img.header.get_sform(coded=True)
    q, qc = img.header.get_qform(coded=True)
    out[f.split('/')[-1]] = {'shape': img.shape, 'sform': int(sc), 'qform': int(qc), 'affine': img.affine.tolist(), 'qaff': q.tolist(),
        'intent': img.header.get_intent()[0], 'zooms': [float(z) for z in img.header.get_zooms()], 'units': list(img.header.get_xyzt_units()),
        'sum': float(np.asarray(img.dataobj, dtype=np.float64).sum())}
print(json.dumps(out))`;
    const got = runPythonJson(script, [NIFTI_FILES.importance, NIFTI_FILES.byTime].map((f) => path.join(out, f))) as Record<string, any>;
    const m3 = got[NIFTI_FILES.importance];
    expect(m3).toMatchObject({ shape: AAL_SHAPE, sform: 4, qform: 4, affine: AAL_AFFINE, qaff: AAL_AFFINE, intent: 'estimate', zooms: [2, 2, 2] });
    expect(got[NIFTI_FILES.byTime]).toMatchObject({ shape: [...AAL_SHAPE, 2], sform: 4, zooms: [2, 2, 2, TR], units: ['mm', 'sec'] });
    let expectedSum = 0;
    for (const label of aal) expectedSum += Math.fround(importanceOf.get(label) ?? 0);
    expect(m3.sum).toBeCloseTo(expectedSum, 6);
  });
});
