import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { writeNifti } from '../../src/nifti/write.js';
import { ReportError } from '../../src/report/errors.js';
import { exportReport } from '../../src/report/export.js';
import { openReportInputs } from '../../src/report/inputs.js';
import { readSaliencyResult, writeSaliencyResult } from '../../src/saliency/store.js';
import { readDatasetCache, writeDatasetCache } from '../../src/study/cache.js';
import { tempDir } from '../helpers/temp-tree.js';
import { AAL_REGIONS, writeKnownRun } from './helpers/known-run.js';

/** Resolves to the error a promise rejects with (fails the test if it resolves). */
async function rejection(p: Promise<unknown>): Promise<ReportError> {
  const result = await p.then(() => null, (e) => e);
  expect(result).toBeInstanceOf(Error);
  return result;
}

describe('opening report inputs', () => {
  it('refuses a folder that is not a run, a run that has not finished, and an unreadable summary', async () => {
    const root = await tempDir();
    expect((await rejection(openReportInputs({ runDir: root, saliencyDir: defaultReportSaliencyDir(root) }))).code).toBe('RUN_MISSING');
    const { runDir } = await writeKnownRun(root);
    await rm(path.join(runDir, 'summary.json'));
    const error = await rejection(openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) }));
    expect([error.code, error.message]).toEqual(['RUN_UNFINISHED', expect.stringMatching(/"no summary.json"; expected a finished run/)]);
    await writeFile(path.join(runDir, 'summary.json'), '{"cut short');
    expect((await rejection(openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) }))).code).toBe('RUN_SUMMARY');
  });

  it('says to compute saliency first when the run has none', async () => {
    const { runDir, saliencyDir } = await writeKnownRun(await tempDir());
    await rm(saliencyDir, { recursive: true });
    expect((await rejection(openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) }))).message).toMatch(/run `saliency-studio saliency` first/);
  });

  it('refuses a saliency result computed from another run', async () => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root, { saliencyDir: path.join(root, 'elsewhere'), runInIndex: path.join(root, 'other-run') });
    const error = await rejection(openReportInputs({ runDir, saliencyDir: path.join(root, 'elsewhere') }));
    expect([error.code, error.field]).toEqual(['REPORT_SALIENCY_MISMATCH', 'run']);
    expect(error.message).toMatch(/computed from another run/);
  });

  it('accepts a result inside the run folder after the run was moved', async () => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root, { runInIndex: '/where/the/run/was/before' });
    expect((await openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) })).saliency.index.samples).toHaveLength(2);
  });

  it('refuses a saliency result whose regions differ from the run\'s', async () => {
    const { runDir, saliencyDir } = await writeKnownRun(await tempDir());
    const stored = await readSaliencyResult(saliencyDir);
    await writeSaliencyResult(saliencyDir, { ...stored, index: { ...stored.index, regions: ['a', 'b', 'c'] } });
    expect((await rejection(openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) }))).field).toBe('regions');
  });

  it('refuses a dataset rebuilt since training, naming the first region or sample that differs', async () => {
    const { runDir, dataDir } = await writeKnownRun(await tempDir());
    const dataset = await readDatasetCache(dataDir);
    await writeDatasetCache(dataDir, { ...dataset, regions: [dataset.regions[0], { label: 4, name: 'Frontal_Sup_R' }, dataset.regions[2]] });
    const error = await rejection(openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) }));
    expect([error.code, error.field, error.value]).toEqual(['REPORT_DATASET_MISMATCH', 'regions[1]', 'Frontal_Sup_R']);
    await writeDatasetCache(dataDir, { ...dataset, samples: dataset.samples.map((s, i) => (i === 3 ? { ...s, label: 0 } : s)) });
    expect((await rejection(openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) }))).field).toBe('samples[3].label');
  });

  it('refuses to paint the bundled AAL when the dataset\'s labels name other regions', async () => {
    const renamed = await writeKnownRun(await tempDir(), { regions: [{ label: 1, name: 'Motor_Left' }, ...AAL_REGIONS.slice(1)] });
    const error = await rejection(openReportInputs({ runDir: renamed.runDir, saliencyDir: defaultReportSaliencyDir(renamed.runDir) }));
    expect([error.code, error.field, error.value]).toEqual(['REPORT_ATLAS_MISMATCH', 'label 1', 'Precentral_L']);
    expect(error.message).toMatch(/pass the atlas the study was parcellated with/);
    const absent = await writeKnownRun(await tempDir(), { regions: [{ label: 9999, name: 'X' }, ...AAL_REGIONS.slice(1)] });
    expect((await rejection(openReportInputs({ runDir: absent.runDir, saliencyDir: defaultReportSaliencyDir(absent.runDir) }))).value).toBe('absent');
  });

  it('uses no atlas for an imported table, and refuses NIfTI maps or a given atlas for it', async () => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root, { regions: AAL_REGIONS.map((r) => ({ ...r, label: null })) });
    expect((await openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) })).atlas).toBeNull();
    const nifti = await rejection(exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out: path.join(root, 'out'), formats: ['tsv', 'nifti'] }));
    expect(nifti.code).toBe('REPORT_NO_ATLAS');
    const given = await rejection(openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), atlas: { labels: '/any/atlas.nii.gz' } }));
    expect([given.code, given.field]).toEqual(['REPORT_ATLAS_UNLABELLED', 'regions[0].label']);
  });

  it('opens a given atlas, reading its space from the sform code', async () => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root);
    const labels = path.join(root, 'atlas.nii.gz');
    const affine = [[2, 0, 0, 0], [0, 2, 0, 0], [0, 0, 2, 0], [0, 0, 0, 1]];
    await writeNifti(labels, { shape: [3, 1, 1], datatype: 'uint8', affine, data: [1, 2, 3], space: 'aligned' });
    const names = path.join(root, 'names.txt');
    await writeFile(names, AAL_REGIONS.map((r) => `${r.label} ${r.name}`).join('\n') + '\n');
    const inputs = await openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), atlas: { labels, names } });
    expect(inputs.atlas).toMatchObject({ labelsFile: labels, namesFile: names, bundled: false, space: 'aligned', labelOfRegion: [1, 2, 3] });
  });

  it('takes ON steps from the caller when given, checking they cover samples × window, and refuses a missing reference image', async () => {
    const { runDir } = await writeKnownRun(await tempDir(), { regions: AAL_REGIONS.map((r) => ({ ...r, label: null })) });
    const steps = Uint8Array.from([0, 1, 1, 0]);
    expect((await openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), onSteps: { steps, source: 'events' } })).onSteps).toEqual({ steps, source: 'events' });
    expect((await openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) })).onSteps).toBeNull();
    const error = await rejection(openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), onSteps: { steps: steps.subarray(1), source: 'events' } }));
    expect([error.code, error.value]).toEqual(['REPORT_ON_STEPS', 3]);
    expect((await rejection(openReportInputs({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), functionalReference: '/no/such/bold.nii.gz' }))).code).toBe('REPORT_FILE_MISSING');
  });
});
