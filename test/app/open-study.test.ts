import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStudy, type StudyProblem } from '../../src/app/open-study.js';
import { StudyError } from '../../src/errors.js';
import { Cancelled } from '../../src/util/cancel.js';
import { writeBrokenStudy } from '../helpers/broken-study.js';
import { tempDir, tsv, writeTree } from '../helpers/temp-tree.js';
import { TINY_VOLUMES, writeTinyNiftiStudy } from '../helpers/tiny-nifti-study.js';

function problemsAbout(problems: StudyProblem[], file: string): StudyProblem[] {
  return problems.filter((p) => p.file === file);
}

describe('openStudy', () => {
  it('lists subjects, tasks, runs, TR origins, grids and events of a tiny study', async () => {
    const root = await tempDir();
    const { dir } = await writeTinyNiftiStudy(root, { x: 2, y: 2, sidecarX: 2 });
    await writeTree(dir, {
      'sub-01/func/sub-01_task-x_events.tsv': tsv(['onset', 'duration', 'trial_type'], [[0, 4, 'a'], [6, 4, 'b'], [10, 2, 'a'], [12, 2, 'n/a']]),
      'sub-bad_x/func/.keep': '',
    });
    const progress: number[] = [];
    const listing = await openStudy({ dir }, { onProgress: (p) => progress.push(p.done) });

    expect(listing.source).toBe(path.resolve(dir));
    expect(listing.subjects).toEqual(['01', '02', '03']);
    expect(listing.sessions).toEqual([]);
    expect(listing.tasks).toEqual(['x', 'y']);
    expect(listing.runs.map((r) => r.name)).toEqual(['sub-01_task-x', 'sub-01_task-y', 'sub-02_task-x', 'sub-02_task-y', 'sub-03_task-x', 'sub-03_task-y']);
    expect(progress.at(-1)).toBe(6);

    const [x1, y1] = listing.runs;
    expect(x1).toMatchObject({
      file: path.join(dir, 'sub-01/func/sub-01_task-x_bold.nii.gz'), format: 'nifti', subject: '01', session: null, task: 'x', run: null,
      tr: 2, trOrigin: 'sidecar', trFile: path.join(dir, 'task-x_bold.json'), headerTr: 2, volumes: TINY_VOLUMES, regions: null,
      grid: { shape: [4, 1, 1], voxelSize: [1, 1, 1], unit: 'mm', volumes: TINY_VOLUMES },
      events: { file: path.join(dir, 'sub-01/func/sub-01_task-x_events.tsv'), count: 3, skipped: 1, trialTypes: ['a', 'b'] },
    });
    expect(y1).toMatchObject({ tr: 2, trOrigin: 'header', trFile: y1.file, headerTr: 2, events: null });

    // The only problem: the skipped, badly named subject folder, pointing at it.
    expect(listing.problems).toEqual([
      { severity: 'warning', file: path.join(dir, 'sub-bad_x'), message: expect.stringContaining('sub-bad_x') },
    ]);
  });

  it('reports each problem of a broken study with its file, without throwing', async () => {
    const dir = await tempDir();
    const run = await writeBrokenStudy(dir);

    const { runs, problems } = await openStudy({ dir });
    expect(runs).toHaveLength(6);
    const events01 = path.join(dir, 'sub-01/func/sub-01_task-a_events.tsv');
    expect(problemsAbout(problems, events01)).toEqual([
      { severity: 'warning', file: events01, message: expect.stringMatching(/^2 of 3 events start at or after the end of sub-01_task-a \(8 volumes × 2 s = 16 s\)/) },
    ]);
    expect(problemsAbout(problems, run('01'))).toEqual([]);

    expect(runs[1]).toMatchObject({ tr: null, trOrigin: null, trFile: null, headerTr: null });
    expect(problemsAbout(problems, run('02'))).toEqual([
      { severity: 'error', file: run('02'), message: expect.stringContaining('repetition time is known nowhere') },
    ]);

    expect(runs[2]).toMatchObject({ tr: 2.5, trOrigin: 'sidecar', headerTr: 2 });
    const p3 = problemsAbout(problems, run('03'));
    expect(p3).toContainEqual({ severity: 'warning', file: run('03'), message: expect.stringMatching(/TR 2\.5 s from .*sub-03_task-a_bold\.json differs from the NIfTI header's 2 s/) });
    expect(p3).toContainEqual({ severity: 'error', file: run('03'), message: expect.stringContaining('every run of a study needs the same TR') });

    expect(runs[3].grid).toMatchObject({ shape: [2, 2, 1] });
    expect(problemsAbout(problems, run('04'))).toEqual([
      { severity: 'warning', file: run('04'), message: expect.stringMatching(/grid 2×2×1 voxels of 1×1×1 mm differs from the 4×1×1 voxels/) },
    ]);
    expect(problemsAbout(problems, run('05'))).toEqual([]);

    const bad = path.join(dir, 'sub-06/func/sub-06_task-a_bold.nii');
    expect(runs[5]).toMatchObject({ grid: null, volumes: null, events: null });
    expect(problemsAbout(problems, bad)).toEqual([
      { severity: 'error', file: bad, message: expect.stringContaining('the NIfTI image cannot be read') },
    ]);
    const badEvents = path.join(dir, 'sub-06/func/sub-06_task-a_events.tsv');
    expect(problemsAbout(problems, badEvents)).toEqual([
      { severity: 'error', file: badEvents, message: expect.stringContaining('the events file cannot be read') },
    ]);
  });

  it('throws only when the folder cannot be opened, and Cancelled when aborted', async () => {
    const dir = await tempDir();
    await expect(openStudy({ dir: path.join(dir, 'missing') })).rejects.toBeInstanceOf(StudyError);
    const { dir: study } = await writeTinyNiftiStudy(dir, { x: 2, y: 2 });
    const controller = new AbortController();
    controller.abort();
    await expect(openStudy({ dir: study }, { signal: controller.signal })).rejects.toBeInstanceOf(Cancelled);
  });

  it('says a manifest TR came from the manifest', async () => {
    const root = await tempDir();
    const { dir } = await writeTinyNiftiStudy(root, { x: 2, y: 2 });
    const manifest = path.join(root, 'runs.tsv');
    await writeTree(root, { 'runs.tsv': tsv(['file', 'subject', 'task', 'tr'], [['bids/sub-01/func/sub-01_task-x_bold.nii.gz', '01', 'x', 2]]) });
    const listing = await openStudy({ manifest });
    expect(listing.runs).toHaveLength(1);
    expect(listing.runs[0]).toMatchObject({ file: path.join(dir, 'sub-01/func/sub-01_task-x_bold.nii.gz'), tr: 2, trOrigin: 'manifest', trFile: manifest });
    expect(listing.problems).toEqual([]);
  });
});
