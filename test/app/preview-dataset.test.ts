import { rm } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetPreview } from '../../src/api/schemas/dataset.js';
import { buildDataset, type BuildDatasetOptions } from '../../src/app/build-dataset.js';
import { previewDataset, type DatasetPreview } from '../../src/app/preview-dataset.js';
import { loadAtlas, type Atlas } from '../../src/atlas/index.js';
import { defaultAtlasPaths } from '../../src/assets.js';
import { DEMO_SEED, writeDemoStudy } from '../../src/demo/index.js';
import { EIGHT_SUBJECT_DEMO } from '../helpers/demo-design.js';
import type { StudySummary } from '../../src/study/index.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { writeCleanStudy } from '../helpers/clean-study.js';
import { writeTableStudy } from '../helpers/table-study.js';

type Design = Omit<BuildDatasetOptions, 'input' | 'out' | 'cacheDir' | 'atlas'>;

let root: string;
let demo: string;
let atlas: Atlas;
let built = 0;

beforeAll(async () => {
  root = await suiteTempDir();
  demo = path.join(root, 'demo');
  atlas = await loadAtlas(defaultAtlasPaths().labels, defaultAtlasPaths().names);
  await writeDemoStudy(demo, DEMO_SEED, { atlas, design: EIGHT_SUBJECT_DEMO });
}, 120_000);

/** The demo built for real; every build shares one parcellation cache, so only the first parcellates. */
async function buildDemo(design: Design): Promise<StudySummary> {
  const out = path.join(root, `dataset-${built++}`);
  return (await buildDataset({ input: { dir: demo }, ...design, cacheDir: path.join(root, 'cache'), out })).summary;
}

/** Every count the preview shares with the build's summary, field by field. */
function expectSameCounts(preview: DatasetPreview, summary: StudySummary) {
  // Exactly what the dataset.preview channel answers.
  expect(datasetPreview.parse(preview)).toEqual(preview);
  expect(preview.tr).toBe(summary.tr);
  expect(preview.classes).toEqual(summary.classes);
  expect(preview.windows).toEqual(summary.windows);
  expect(preview.windowsPerClass).toEqual(summary.windowsPerClass);
  expect(preview.splitSubjects).toEqual(summary.splitSubjects);
  expect(preview.droppedWindows).toEqual(summary.droppedWindows);
}

/** Short windows labelled by the events' trial_type, 5 s after onset (the demo's windows before issue 14). */
const TRIAL_TYPE_WINDOWS = { labelBy: 'trial_type', shiftSeconds: 5, window: 8, stride: 1 } as const;

describe('previewDataset on the demo study, against buildDataset with the same options', () => {
  it('labelling by task with the defaults: the same TR, classes, windows per class and split, and subjects per split', async () => {
    const preview = await previewDataset({ input: { dir: demo } });
    const summary = await buildDemo({});
    expectSameCounts(preview, summary);
    expect(preview.availableClasses).toEqual(['language', 'motor', 'visual']);
    // 120 volumes, window 10 stride 5 → 23 windows per run, 8 subjects × 3 tasks.
    expect(preview.windows.total).toBe(23 * 24);
  }, 120_000);

  it('labelling by trial_type with a hemodynamic shift: the same windows, and the same drops for no event or no majority', async () => {
    const design = { ...TRIAL_TYPE_WINDOWS, seed: 3 };
    const preview = await previewDataset({ input: { dir: demo }, ...design });
    const summary = await buildDemo(design);
    expectSameCounts(preview, summary);
    expect(preview.droppedWindows.noEvent + preview.droppedWindows.noMajority).toBeGreaterThan(0);
    expect(preview.availableClasses).toEqual(['language', 'motor', 'visual']);
  }, 120_000);

  it('with two of three classes kept: only those, in sorted order, the third still offered', async () => {
    const design = { ...TRIAL_TYPE_WINDOWS, split: { train: 0.5, validation: 0.25, test: 0.25 }, classes: ['visual', 'language'] };
    const preview = await previewDataset({ input: { dir: demo }, ...design });
    const summary = await buildDemo(design);
    expectSameCounts(preview, summary);
    expect(preview.classes).toEqual(['language', 'visual']);
    expect(preview.availableClasses).toEqual(['language', 'motor', 'visual']);
  }, 120_000);
});

describe('previewDataset on imported tables', () => {
  it('counts table rows as volumes, as the build does', async () => {
    const dir = await writeTableStudy(4, 31);
    const design = { window: 6, stride: 4, seed: 2, split: { train: 0.5, validation: 0.25, test: 0.25 } };
    const preview = await previewDataset({ input: { dir }, ...design });
    const { summary } = await buildDataset({ input: { dir }, ...design, out: path.join(root, 'tables') });
    expectSameCounts(preview, summary);
    // 31 rows, window 6 stride 4 → starts 0, 4, …, 24: 7 windows per run, 4 subjects × 2 tasks.
    expect(preview.windows.total).toBe(56);
  });
});

describe('previewDataset warnings', () => {
  it('warns, in plain words, of classes with few training windows and of a validation side with no subject', async () => {
    // 3 subjects × tasks a, b of 24 volumes: 3 windows per run (starts 0, 5, 10).
    const dir = await writeTableStudy(3, 24);
    const preview = await previewDataset({ input: { dir } });
    expect(preview.windows).toEqual({ total: 18, train: 6, validation: 6, test: 6 });
    expect(preview.warnings).toEqual([
      'class a has only 3 training windows (fewer than 10): too few to learn it well',
      'class b has only 3 training windows (fewer than 10): too few to learn it well',
    ]);
    const noValidation = await previewDataset({ input: { dir }, split: { validation: 0 } });
    expect(noValidation.splitSubjects.validation).toEqual([]);
    expect(noValidation.warnings).toContain('no subject in validation (its fraction is 0): training sets aside some training windows to validate on instead');
  });

  it('with too few subjects for the split, still counts the windows, assigns none to a side and says why', async () => {
    const dir = await writeTableStudy(2, 24);
    const preview = await previewDataset({ input: { dir } });
    expect(preview.windows).toEqual({ total: 12, train: 0, validation: 0, test: 0 });
    expect(preview.windowsPerClass.a).toEqual({ total: 6, train: 0, validation: 0, test: 0 });
    expect(preview.splitSubjects).toEqual({ train: [], validation: [], test: [] });
    expect(preview.warnings.some((w) => w.startsWith('2 subjects have windows, too few for this split: it needs at least 3 subjects'))).toBe(true);
  });

  it('runs without a TR: a warning per run naming it (the build would fail), windows by task still counted, TR from the others', async () => {
    const dir = await writeTableStudy(3, 24);
    await rm(path.join(dir, 'task-a_bold.json'));
    const preview = await previewDataset({ input: { dir } });
    expect(preview.tr).toBe(2);
    expect(preview.windows.total).toBe(18);
    const noTr = preview.warnings.filter((w) => w.includes('the repetition time is known nowhere'));
    expect(noTr.map((w) => w.slice(0, w.indexOf(':', 'the build would fail: '.length)))).toEqual(
      ['01', '02', '03'].map((s) => `the build would fail: sub-${s}_task-a`),
    );
  });

  it('no TR anywhere, by trial_type: no window, and the warning says events cannot be placed (no throw)', async () => {
    const dir = await writeTableStudy(3, 24);
    await rm(path.join(dir, 'task-a_bold.json'));
    await rm(path.join(dir, 'task-b_bold.json'));
    const preview = await previewDataset({ input: { dir }, labelBy: 'trial_type' });
    expect(preview.tr).toBeNull();
    expect(preview.windows.total).toBe(0);
    expect(preview.warnings).toContain('no run has a repetition time, so events cannot be placed on volumes: no trial_type window can be labelled');
  });

  it('by trial_type on runs without events: names the runs and says no dataset can be built', async () => {
    const dir = await writeTableStudy(3, 24);
    const preview = await previewDataset({ input: { dir }, labelBy: 'trial_type' });
    expect(preview.availableClasses).toEqual([]);
    expect(preview.warnings).toContain('6 runs without an events file give no trial_type window: sub-01_task-a, sub-01_task-b, sub-02_task-a, sub-02_task-b, sub-03_task-a, and 1 more');
    expect(preview.warnings).toContain('no window gets a label, so no dataset can be built');
  });

  it('runs shorter than the window: one warning with the reason, naming the runs', async () => {
    const dir = await writeTableStudy(1, 24);
    const preview = await previewDataset({ input: { dir }, window: 30 });
    expect(preview.warnings).toEqual([
      '2 runs give no window (24 volumes, fewer than the 30-volume window): sub-01_task-a, sub-01_task-b',
      'no window gets a label, so no dataset can be built',
    ]);
  });

  it('a class the study does not have is a warning, not an error; the classes kept are those it has', async () => {
    const dir = await writeTableStudy(3, 24);
    const preview = await previewDataset({ input: { dir }, classes: ['a', 'zebra'] });
    expect(preview.classes).toEqual(['a']);
    expect(preview.windows.total).toBe(9);
    expect(preview.warnings).toContain('class zebra has no labelled window in this study (its classes: a, b); the build would fail');
    expect(preview.warnings).toContain('a dataset needs at least two classes to tell apart; this one would have only a');
  });

  it('throws when the study cannot be opened', async () => {
    await expect(previewDataset({ input: { dir: path.join(root, 'nothing-here') } })).rejects.toThrow(/nothing-here/);
  });
});

describe('previewDataset with cleaning that censors volumes', () => {
  const design = { window: 10, stride: 5, labelBy: 'task' as const, split: { train: 0.5, validation: 0, test: 0.5 } };

  it('counts the windows the build builds: censored volumes cost the same windows, per run and in all', async () => {
    const dir = await writeCleanStudy();
    const clean = { preset: 'scrubbing' as const, scrub: { fd: 0.4 } };
    const preview = await previewDataset({ input: { dir }, ...design, clean });
    const { summary } = await buildDataset({ input: { dir }, ...design, clean, out: path.join(root, `dataset-${built++}`) });
    expect(datasetPreview.parse(preview)).toEqual(preview);
    expect(preview.windows).toEqual(summary.windows);
    expect(preview.windowsPerClass).toEqual(summary.windowsPerClass);
    expect(preview.cleaning!.runs).toEqual(summary.cleaning!.runs.map((r) => ({ run: r.run, censored: r.censored.length, windowsLost: r.windowsLost, notCleaned: null })));
    expect(preview.cleaning!.windowsLost).toBe(summary.cleaning!.runs.reduce((n, r) => n + r.windowsLost, 0));
    // Without cleaning each run gives 39 windows; the censoring must have cost some for this to test anything.
    expect(preview.windows.total).toBeLessThan(2 * 39);
    expect(preview.windows.total + preview.cleaning!.windowsLost).toBe(2 * 39);
  });

  it('with cleaning where available, counts a run without a table uncensored and names it', async () => {
    const dir = await writeCleanStudy('flip');
    const clean = { preset: 'scrubbing' as const, whereAvailable: true };
    const preview = await previewDataset({ input: { dir }, ...design, clean });
    const { summary } = await buildDataset({ input: { dir }, ...design, clean, out: path.join(root, `dataset-${built++}`) });
    expect(preview.windows).toEqual(summary.windows);
    const flip = preview.cleaning!.runs.find((r) => r.run.includes('task-flip'))!;
    expect(flip).toEqual({ run: 'sub-02_task-flip', censored: 0, windowsLost: 0, notCleaned: 'no fMRIPrep confounds table beside the run' });
    expect(preview.warnings).toContainEqual(expect.stringContaining('sub-02_task-flip: not cleaned by the scrubbing confounds'));
  });

  it('a run the build would refuse (no confounds table) is a warning naming it, not an error', async () => {
    const dir = await writeCleanStudy('flip');
    const preview = await previewDataset({ input: { dir }, ...design, clean: { preset: 'simple' } });
    expect(preview.warnings).toContainEqual(expect.stringMatching(/^the build would fail: .*confounds of sub-02_task-flip/));
    // The demo run still loses its first window to its two non-steady-state volumes; flip is counted uncensored.
    expect(preview.cleaning!.runs.map((r) => [r.run, r.censored, r.windowsLost])).toEqual([['sub-01_task-demo', 2, 1], ['sub-02_task-flip', 0, 0]]);
    expect(preview.windows.total).toBe(2 * 39 - 1);
  });
});
