import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parcellateStudy } from '../../src/app/parcellate-study.js';
import { studyQc } from '../../src/app/study-qc.js';
import { clean } from '../../src/study/clean/index.js';
import { loadConfoundsStrategy } from '../../src/study/confounds/index.js';
import { writeCleanStudy } from '../helpers/clean-study.js';
import { suiteTempDir, tempDir } from '../helpers/temp-tree.js';
import { writeTinyNiftiStudy } from '../helpers/tiny-nifti-study.js';
import { readReferenceMeans, readTableColumns, REAL_EVENTS, writeRealStudy } from './helpers/real-study.js';

const failure = (p: Promise<unknown>) => p.then(() => new Error('resolved'), (err: unknown) => err);

describe('studyQc on a study of real files', () => {
  const reference = readReferenceMeans();
  let study: Awaited<ReturnType<typeof writeRealStudy>>;
  let cacheDir = '';
  const input = () => ({ dir: study.dir });

  beforeAll(async () => {
    const root = await suiteTempDir();
    study = await writeRealStudy(root);
    cacheDir = path.join(root, 'cache');
    await parcellateStudy({ input: input(), cacheDir });
  });

  it('gives the parcellated run’s region means nibabel computes, in the order asked, with its events', async () => {
    const names = ['Thalamus_R', 'Precentral_L', 'Vermis_10'];
    const qc = await studyQc({ input: input(), cacheDir, run: 'sub-01_task-demo', regions: names });
    expect(qc).toMatchObject({ run: 'sub-01_task-demo', tr: 2, volumes: 24, events: REAL_EVENTS });
    expect(qc.available).toEqual(reference.map((r) => r.name));
    expect(qc.regions.map((r) => [r.name, r.label])).toEqual(names.map((n) => [n, reference.find((r) => r.name === n)!.label]));
    for (const region of qc.regions) {
      const ref = reference.find((r) => r.name === region.name)!;
      expect(region.values).toHaveLength(24);
      region.values.forEach((v, t) => expect(Math.abs(v! - ref.means[t])).toBeLessThan(1e-4));
    }
  });

  it('gives a table run’s columns as they are in the file, with the TR of its sidecar and no events', async () => {
    const columns = readTableColumns();
    const qc = await studyQc({ input: input(), cacheDir, run: 'sub-02_task-demo', regions: ['Hippocampus_L'] });
    expect(qc).toEqual({
      run: 'sub-02_task-demo', tr: 2, volumes: 200, events: [], available: [...columns.keys()],
      regions: [{ name: 'Hippocampus_L', label: null, values: columns.get('Hippocampus_L') }],
    });
  });

  it('refuses a run the cache does not hold, naming the run’s file, without parcellating it', async () => {
    const empty = path.join(await tempDir(), 'cache');
    const error = await failure(studyQc({ input: input(), cacheDir: empty, run: 'sub-01_task-demo', regions: ['Precentral_L'] }));
    expect(error).toMatchObject({ name: 'StudyError', code: 'STUDY_NOT_PARCELLATED', file: study.bold, expected: 'a parcellated run (parcellate the study first)' });
  });

  it('refuses an unknown run name, listing the study’s runs', async () => {
    const error = await failure(studyQc({ input: input(), cacheDir, run: 'sub-03_task-demo', regions: ['Precentral_L'] }));
    expect(error).toMatchObject({ name: 'StudyError', code: 'STUDY_UNKNOWN_RUN', field: 'run', value: 'sub-03_task-demo', file: path.resolve(study.dir) });
    expect((error as { expected: string }).expected).toBe('a run of the study: sub-01_task-demo, sub-02_task-demo');
  });

  it('refuses an unknown region name, listing the first ten of the run’s regions', async () => {
    const error = await failure(studyQc({ input: input(), cacheDir, run: 'sub-01_task-demo', regions: ['Precentral_L', 'Amygdala_X'] }));
    expect(error).toMatchObject({ name: 'StudyError', code: 'STUDY_UNKNOWN_REGION', field: 'regions', value: 'Amygdala_X', file: study.bold });
    const expected = (error as { expected: string }).expected;
    expect(expected).toBe(`a region of sub-01_task-demo, e.g. ${reference.slice(0, 10).map((r) => r.name).join(', ')}, and 106 more`);
  });
});

describe('studyQc of a region with no voxel', () => {
  it('gives null for every volume, where the mean is not a number', async () => {
    const root = await tempDir();
    const { dir, atlasFile, namesFile } = await writeTinyNiftiStudy(root, { x: 2, y: 2 });
    const atlas = { labels: atlasFile, names: namesFile };
    const cacheDir = path.join(root, 'cache');
    await parcellateStudy({ input: { dir }, atlas, cacheDir });
    const qc = await studyQc({ input: { dir }, atlas, cacheDir, run: 'sub-02_task-y', regions: ['Gone', 'Right'] });
    expect(qc.regions).toEqual([
      { name: 'Gone', label: 3, values: Array(8).fill(null) },
      // Right is voxel 2 alone, 7 at every volume.
      { name: 'Right', label: 2, values: Array(8).fill(7) },
    ]);
    expect(qc.available).toEqual(['Left', 'Right', 'Gone']);
  });
});

describe('studyQc after the atlas changed', () => {
  it('reads the atlas again once its names file is edited, so the study parcellated anew is found', async () => {
    const root = await tempDir();
    const { dir, atlasFile, namesFile } = await writeTinyNiftiStudy(root, { x: 2, y: 2 });
    const atlas = { labels: atlasFile, names: namesFile };
    const cacheDir = path.join(root, 'cache');
    const options = { input: { dir }, atlas, cacheDir, run: 'sub-01_task-x' };
    await parcellateStudy({ input: { dir }, atlas, cacheDir });
    expect((await studyQc({ ...options, regions: ['Right'] })).available).toEqual(['Left', 'Right', 'Gone']);
    await writeFile(namesFile, '1 Left\n2 Rechts\n3 Gone\n');
    expect(await failure(studyQc({ ...options, regions: ['Rechts'] }))).toMatchObject({ code: 'STUDY_NOT_PARCELLATED' });
    await parcellateStudy({ input: { dir }, atlas, cacheDir });
    expect((await studyQc({ ...options, regions: ['Rechts'] })).regions).toEqual([{ name: 'Rechts', label: 2, values: Array(8).fill(7) }]);
  });
});

describe('studyQc with cleaning', () => {
  /** The scrubbing preset's censored volumes of the shared signal's confounds (../shared/data/signal/README.md). */
  const CENSORED = [0, 1, 2, 3, 4, 30, 50, 51, 52, 53, 75, 100, 101, 120, 126, 150, 170, 197, 198, 199];

  it('gives, beside the raw means, the same regions cleaned as the build cleans them, null where censored, and why each was censored', async () => {
    const dir = await writeCleanStudy();
    const columns = readTableColumns();
    const names = ['Hippocampus_L', 'Precentral_L'];
    const qc = await studyQc({ input: { dir }, cacheDir: path.join(await tempDir(), 'cache'), run: 'sub-01_task-demo', regions: names, clean: { preset: 'scrubbing' } });
    expect(qc.regions.map((r) => r.values)).toEqual(names.map((n) => columns.get(n)));
    const confounds = await loadConfoundsStrategy(path.join(dir, 'sub-01', 'func', 'sub-01_task-demo_desc-confounds_timeseries.tsv'), 'scrubbing');
    const ref = clean(names.map((n) => Float64Array.from(columns.get(n)!)), { tR: 2, confounds: confounds.values, sampleMask: confounds.sampleMask });
    const cleaned = qc.cleaned!;
    expect(cleaned.censored.map((c) => c.volume)).toEqual(CENSORED);
    expect(cleaned.censored.slice(0, 2)).toEqual([{ volume: 0, reason: 'non_steady_state' }, { volume: 1, reason: 'non_steady_state' }]);
    expect(cleaned.regions.map((r) => r.name)).toEqual(names);
    cleaned.regions.forEach((region, k) => {
      expect(region.values).toHaveLength(200);
      for (const v of CENSORED) expect(region.values[v]).toBeNull();
      ref.volumes.forEach((v, i) => expect(region.values[v]).toBeCloseTo(ref.series[k][i], 9));
    });
    expect(cleaned.notCleaned).toBeNull();
  });

  it('says a run without a confounds table was not cleaned by confounds when asked to clean where available', async () => {
    const dir = await writeCleanStudy('demo');
    const qc = await studyQc({ input: { dir }, cacheDir: path.join(await tempDir(), 'cache'), run: 'sub-01_task-demo', regions: ['Hippocampus_L'], clean: { preset: 'simple', whereAvailable: true } });
    expect(qc.cleaned!.censored).toEqual([]);
    expect(qc.cleaned!.notCleaned).toBe('no fMRIPrep confounds table beside the run');
    expect(qc.cleaned!.regions[0].values.every((v) => v !== null)).toBe(true);
  });
});
