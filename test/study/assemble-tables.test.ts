import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStudySummary } from '../../src/cli/format/study.js';
import { assembleStudy, dataIndex, type Dataset } from '../../src/study/index.js';
import { tempDir, tsv, writeTree } from '../helpers/temp-tree.js';

const SUBJECTS = ['01', '02', '03'];
const TASKS = ['a', 'b'];
const VOLUMES = 13;

/** Deterministic, different per subject/task/region/volume, never constant. */
function value(s: number, t: number, r: number, v: number): number {
  return Math.sin(1 + s * 3.1 + t * 1.7 + r * 0.9 + v * (0.5 + r * 0.3)) * 10 + 100 * r;
}

/** Independent z-score: population std, written the plain way. */
function naiveZ(xs: number[]): number[] {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
  return xs.map((x) => (x - mean) / sd);
}

/** A manifest study: 3 subjects × 2 tasks of 13-volume tables with regions R1, R2 (TR 2 s). */
async function tableStudy(options: { trColumn?: (s: number, t: number) => string; extra?: Record<string, string> } = {}) {
  const root = await tempDir();
  const files: Record<string, string> = {
    'events.tsv': tsv(['onset', 'duration', 'trial_type'], [[0, 8, 'A'], [12, 8, 'B'], [30, 1, 'n/a']]),
    ...options.extra,
  };
  const rows: string[][] = [];
  SUBJECTS.forEach((sub, s) => TASKS.forEach((task, t) => {
    const name = `ts/sub-${sub}_task-${task}.csv`;
    files[name] = ['R1,R2', ...Array.from({ length: VOLUMES }, (_, v) => `${value(s, t, 0, v)},${value(s, t, 1, v)}`)].join('\n') + '\n';
    rows.push([name, sub, task, 'events.tsv', options.trColumn ? options.trColumn(s, t) : '2']);
  }));
  files['manifest.tsv'] = tsv(['file', 'subject', 'task', 'events', 'tr'], rows);
  await writeTree(root, files);
  return path.join(root, 'manifest.tsv');
}

/** Checks every value of every window against the naive z-score of the generating series. */
function expectZscoredWindows(ds: Dataset) {
  for (const [i, s] of ds.samples.entries()) {
    const si = SUBJECTS.indexOf(s.subject);
    const ti = TASKS.indexOf(s.task);
    const start = Math.round(s.onsetSeconds / ds.tr);
    for (let r = 0; r < 2; r++) {
      const z = naiveZ(Array.from({ length: VOLUMES }, (_, v) => value(si, ti, r, v)));
      for (let t = 0; t < ds.window; t++) {
        expect(ds.data[dataIndex(ds, i, t, r)]).toBeCloseTo(Math.fround(z[start + t]), 6);
      }
    }
  }
}

describe('assembling a study from imported time-series tables', () => {
  it('cuts 4-volume windows every 3 volumes, labels them by task and z-scores each region per run', async () => {
    const manifest = await tableStudy();
    const { dataset: ds, summary } = await assembleStudy({ manifest }, { window: 4, stride: 3, labelBy: 'task', seed: 5 });
    // 13 volumes → starts 0, 3, 6, 9 → 4 windows × 6 runs.
    expect(ds.samples.length).toBe(24);
    expect(ds.data.length).toBe(24 * 4 * 2);
    expect(ds.classes).toEqual(['a', 'b']);
    expect(ds.regions).toEqual([{ label: null, name: 'R1' }, { label: null, name: 'R2' }]);
    expect(ds.samples.slice(0, 5).map((s) => [s.subject, s.task, s.onsetSeconds, ds.classes[s.label]])).toEqual([
      ['01', 'a', 0, 'a'], ['01', 'a', 6, 'a'], ['01', 'a', 12, 'a'], ['01', 'a', 18, 'a'], ['01', 'b', 0, 'b'],
    ]);
    expectZscoredWindows(ds);
    expect(summary.windows).toEqual({ total: 24, train: 8, validation: 8, test: 8 });
    expect(summary.windowsPerClass.a.total).toBe(12);
    expect(summary.parcellation).toEqual({ parcellated: 0, fromCache: 0, imported: 6 });
    // Every subject on one side only.
    for (const sub of SUBJECTS) expect(new Set(ds.samples.filter((s) => s.subject === sub).map((s) => s.split)).size).toBe(1);
    expect(formatStudySummary(summary)).toContain('Windows by task: 24 (train 8, validation 8, test 8)');
  });

  it('labels windows by trial_type majority, dropping and counting the rest', async () => {
    const manifest = await tableStudy();
    const { dataset: ds, summary } = await assembleStudy({ manifest }, { window: 4, stride: 3, labelBy: 'trial_type' });
    // A covers volumes 0–3, B volumes 6–9: windows at 0 → A, 3 → tie-ish (1 A, 1 B), 6 → B, 9 → 1 B of 4.
    expect(ds.classes).toEqual(['A', 'B']);
    expect(ds.samples.filter((s) => s.subject === '01' && s.task === 'a').map((s) => [s.onsetSeconds, ds.classes[s.label]])).toEqual([[0, 'A'], [12, 'B']]);
    expect(summary.droppedWindows).toEqual({ noEvent: 0, noMajority: 12 });
    expect(summary.skippedEventRows).toBe(1);
    expectZscoredWindows(ds);
  });

  it('applies the hemodynamic shift to event onsets before labelling', async () => {
    const manifest = await tableStudy();
    const { dataset: ds, summary } = await assembleStudy({ manifest }, { window: 4, stride: 3, labelBy: 'trial_type', shiftSeconds: 4 });
    // Shifted: A covers volumes 2–5, B 8–11 → window at 3 → A, at 9 → B; 0 and 6 have no majority.
    expect(ds.samples.filter((s) => s.subject === '02' && s.task === 'b').map((s) => [s.onsetSeconds, ds.classes[s.label]])).toEqual([[6, 'A'], [18, 'B']]);
    expect(ds.shiftSeconds).toBe(4);
    expect(summary.droppedWindows).toEqual({ noEvent: 0, noMajority: 12 });
  });

  it('refuses runs with different TRs, and a table with no TR anywhere', async () => {
    const mixed = await tableStudy({ trColumn: (s, t) => (s === 2 && t === 1 ? '2.5' : '2') });
    await expect(assembleStudy({ manifest: mixed }, { window: 4, stride: 3, labelBy: 'task' }))
      .rejects.toMatchObject({ code: 'STUDY_MIXED_TR', value: 2.5, file: expect.stringContaining('sub-03_task-b.csv') });
    const none = await tableStudy({ trColumn: (s, t) => (s === 1 && t === 0 ? '' : '2') });
    await expect(assembleStudy({ manifest: none }, { window: 4, stride: 3, labelBy: 'task' }))
      .rejects.toMatchObject({ code: 'STUDY_NO_TR', file: expect.stringContaining('sub-02_task-a.csv') });
  });

  it('blames the runs whose TR differs from the most common one, even when the first run is the odd one', async () => {
    const manifest = await tableStudy({ trColumn: (s, t) => (s === 0 && t === 0 ? '2.5' : '2') });
    const err = await assembleStudy({ manifest }, { window: 4, stride: 3, labelBy: 'task' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'STUDY_MIXED_TR', value: 2.5, file: path.join(path.dirname(manifest), 'ts/sub-01_task-a.csv') });
    expect(err.message).toContain(`expected 2 s like 5 of the 6 runs`);
    expect(err.message).toContain(`runs with another TR: sub-01_task-a (2.5 s from ${manifest})`);
  });

  it('warns, naming the events file, when events start after the run ends', async () => {
    // Onsets in milliseconds: 12000 and 30000 s lie far past the 26 s runs.
    const manifest = await tableStudy({ extra: { 'events.tsv': tsv(['onset', 'duration', 'trial_type'], [[0, 8, 'A'], [12, 8, 'B'], [12000, 8, 'A'], [30000, 8, 'B']]) } });
    const events = path.join(path.dirname(manifest), 'events.tsv');
    const { summary } = await assembleStudy({ manifest }, { window: 4, stride: 3, labelBy: 'trial_type' });
    const late = summary.warnings.filter((w) => w.startsWith(events));
    expect(late).toHaveLength(6);
    expect(late[0]).toBe(`${events}: 2 of 4 events start at or after the end of sub-01_task-a (13 volumes × 2 s = 26 s) and label nothing; onsets in milliseconds, or another run's events file?`);
    expect(formatStudySummary(summary)).toContain(`Warning: ${late[0]}`);
  });

  it('drops time and index columns of the tables with a note instead of making them regions', async () => {
    const manifest = await tableStudy();
    const dir = path.dirname(manifest);
    for (const [s, sub] of SUBJECTS.entries()) {
      const rows = Array.from({ length: VOLUMES }, (_, v) => `${v},${2 * v},${value(s, 0, 0, v)},${value(s, 0, 1, v)}`);
      await writeTree(dir, { [`ts/sub-${sub}_task-a.csv`]: ['Volume,Time,R1,R2', ...rows].join('\n') + '\n' });
    }
    const { dataset: ds, summary } = await assembleStudy({ manifest }, { window: 4, stride: 3, labelBy: 'task' });
    expect(ds.regions.map((r) => r.name)).toEqual(['R1', 'R2']);
    expectZscoredWindows(ds);
    const files = SUBJECTS.map((sub) => path.join(dir, `ts/sub-${sub}_task-a.csv`)).join(', ');
    expect(summary.warnings).toEqual([
      `column "Volume" dropped from 3 tables (a time or index column, not a region): ${files}`,
      `column "Time" dropped from 3 tables (a time or index column, not a region): ${files}`,
    ]);
  });

  it('refuses, before reading any run, a split that leaves train or test without subjects', async () => {
    const manifest = await tableStudy();
    let progress = 0;
    const onProgress = () => void progress++;
    for (const split of [{ train: 1, validation: 0, test: 0 }, { train: 0.5, validation: 0.5, test: 0 }, { train: 0, validation: 0.5, test: 0.5 }]) {
      await expect(assembleStudy({ manifest }, { window: 4, stride: 3, labelBy: 'task', split, onProgress }))
        .rejects.toMatchObject({ name: 'StudyError', code: 'STUDY_SPLIT', value: [split.train, split.validation, split.test] });
    }
    expect(progress).toBe(0);
    // No validation subjects is allowed: training carves validation data from the train side.
    const { summary } = await assembleStudy({ manifest }, { window: 4, stride: 3, labelBy: 'task', split: { train: 0.7, validation: 0, test: 0.3 } });
    expect([summary.splitSubjects.train.length, summary.splitSubjects.validation.length, summary.splitSubjects.test.length]).toEqual([2, 0, 1]);
  });

  it('drops a region with missing values, naming it, and refuses a table with other regions', async () => {
    const manifest = await tableStudy();
    const dir = path.dirname(manifest);
    await writeTree(dir, { 'ts/sub-02_task-a.csv': 'R1,R2\n' + Array.from({ length: VOLUMES }, (_, v) => `${v % 3},${v === 4 ? 'nan' : v}`).join('\n') });
    const { dataset, summary } = await assembleStudy({ manifest }, { window: 4, stride: 3, labelBy: 'task' });
    expect(dataset.regions.map((r) => r.name)).toEqual(['R1']);
    expect(summary.droppedRegions).toEqual([{ label: null, name: 'R2', reason: `missing values in ${path.join(dir, 'ts/sub-02_task-a.csv')}` }]);

    await writeTree(dir, { 'ts/sub-02_task-a.csv': 'R1,R3\n1,2\n' });
    await expect(assembleStudy({ manifest }, { window: 4, stride: 3, labelBy: 'task' }))
      .rejects.toMatchObject({ code: 'STUDY_REGIONS_MISMATCH', value: ['missing R2', 'unexpected R3'] });
  });

  it('refuses bad options and a study too small to split', async () => {
    const manifest = await tableStudy();
    await expect(assembleStudy({ manifest }, { window: 0, stride: 1, labelBy: 'task' })).rejects.toMatchObject({ code: 'STUDY_OPTION', field: 'window' });
    await expect(assembleStudy({ manifest }, { window: 2, stride: 1.5, labelBy: 'task' })).rejects.toMatchObject({ code: 'STUDY_OPTION', field: 'stride' });
    const runs = [
      { file: 'ts/sub-01_task-a.csv', subject: '01', task: 'a', tr: 2 },
      { file: 'ts/sub-02_task-b.csv', subject: '02', task: 'b', tr: 2 },
    ];
    await expect(assembleStudy({ runs, baseDir: path.dirname(manifest) }, { window: 4, stride: 3, labelBy: 'task' }))
      .rejects.toMatchObject({ code: 'STUDY_TOO_FEW_SUBJECTS', value: 2 });
  });
});
