import { copyFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleStudy, discoverBids, readRunManifest } from '../../src/study/index.js';
import { tempDir, tsv, writeTree } from '../helpers/temp-tree.js';

/** A table of 6 volumes × regions R1, R2, different for each `seed`. */
function table(seed: number): string {
  return ['R1\tR2', ...Array.from({ length: 6 }, (_, v) => `${Math.sin(seed + v)}\t${Math.cos(seed * 2 + v)}`)].join('\n') + '\n';
}

/** Three subjects × tasks a, b of distinct tables, TR 2 s from the top-level sidecar. */
async function tableStudy(): Promise<string> {
  const root = await tempDir();
  const files: Record<string, string> = { 'task-a_bold.json': '{"RepetitionTime": 2}', 'task-b_bold.json': '{"RepetitionTime": 2}' };
  ['01', '02', '03'].forEach((sub, s) => ['a', 'b'].forEach((task, t) => {
    files[`sub-${sub}/func/sub-${sub}_task-${task}_timeseries.tsv`] = table(10 * s + t);
  }));
  await writeTree(root, files);
  return root;
}

const options = { window: 3, stride: 3, labelBy: 'task' as const };

describe('one acquisition enters a study once', () => {
  it('refuses run-1 and run-01 of one subject and task, naming both files', async () => {
    const root = await tableStudy();
    const func = path.join(root, 'sub-01/func');
    await writeTree(func, { 'sub-01_task-a_run-1_timeseries.tsv': table(90), 'sub-01_task-a_run-01_timeseries.tsv': table(91) });
    const err = await discoverBids(root).catch((e) => e);
    expect(err).toMatchObject({
      name: 'StudyError', code: 'STUDY_DUPLICATE_RUN', field: 'run', value: '1', file: path.join(func, 'sub-01_task-a_run-1_timeseries.tsv'),
    });
    expect(err.message).toContain(path.join(func, 'sub-01_task-a_run-01_timeseries.tsv'));
  });

  it('refuses a subject whose run is a symbolic link to another subject\'s file, naming both', async () => {
    const root = await tableStudy();
    const theirs = path.join(root, 'sub-01/func/sub-01_task-a_timeseries.tsv');
    const mine = path.join(root, 'sub-04/func/sub-04_task-a_timeseries.tsv');
    await writeTree(root, { 'sub-04/func/.keep': '' });
    await symlink(theirs, mine);
    const err = await discoverBids(root).catch((e) => e);
    expect(err).toMatchObject({ code: 'STUDY_DUPLICATE_RUN', file: mine, field: 'real path', value: theirs });
    expect(err.message).toContain(`sub-01_task-a reads the same file, as ${theirs}`);
  });

  it('refuses a manifest row that reaches a listed file through a link or another spelling', async () => {
    const root = await tableStudy();
    const file = path.join(root, 'sub-01/func/sub-01_task-a_timeseries.tsv');
    await symlink(file, path.join(root, 'alias.tsv'));
    await writeTree(root, { 'list.tsv': tsv(['file', 'subject', 'task', 'tr'], [[file, '01', 'a', 2], ['alias.tsv', '02', 'a', 2]]) });
    await expect(readRunManifest(path.join(root, 'list.tsv'))).rejects.toMatchObject({
      code: 'STUDY_DUPLICATE_RUN', file: path.join(root, 'alias.tsv'), value: file,
    });
    // Same row index spelled twice in a manifest is one run as well.
    await writeTree(root, {
      'list.tsv': tsv(['file', 'subject', 'task', 'run', 'tr'], [[file, '01', 'a', '2', 2], ['sub-01/func/sub-01_task-b_timeseries.tsv', '01', 'a', '002', 2]]),
    });
    await expect(readRunManifest(path.join(root, 'list.tsv'))).rejects.toMatchObject({ code: 'STUDY_DUPLICATE_RUN', field: 'run', value: '002' });
  });

  it('refuses a copy of a run under another subject (same data, other file), naming both', async () => {
    const root = await tableStudy();
    const original = path.join(root, 'sub-02/func/sub-02_task-b_timeseries.tsv');
    const copy = path.join(root, 'sub-04/func/sub-04_task-b_timeseries.tsv');
    await writeTree(root, { 'sub-04/func/sub-04_task-a_timeseries.tsv': table(77) });
    await copyFile(original, copy);
    const err = await assembleStudy({ dir: root }, options).catch((e) => e);
    expect(err).toMatchObject({ name: 'StudyError', code: 'STUDY_DUPLICATE_DATA', file: copy, value: `identical to ${original}` });
    // Without the copy the same study assembles.
    await writeTree(root, { 'sub-04/func/sub-04_task-b_timeseries.tsv': table(78) });
    expect((await assembleStudy({ dir: root }, options)).summary.subjects).toEqual(['01', '02', '03', '04']);
  });
});

describe('a run file that is a broken symbolic link', () => {
  it('a dangling link is a one-line error naming the link and its target', async () => {
    const root = await tableStudy();
    const link = path.join(root, 'sub-03/func/sub-03_task-c_timeseries.tsv');
    await symlink('/gone/sub-03_task-c_timeseries.tsv', link);
    const err = await assembleStudy({ dir: root }, options).catch((e) => e);
    expect(err).toMatchObject({ name: 'StudyError', code: 'STUDY_DANGLING_LINK', file: link, value: '/gone/sub-03_task-c_timeseries.tsv' });
    expect(err.message).toBe(`${link}: symbolic link = "/gone/sub-03_task-c_timeseries.tsv"; expected a link to a file that exists (this is a dangling symbolic link to /gone/sub-03_task-c_timeseries.tsv)`);
  });

  it('a link loop is a one-line error naming the link', async () => {
    const root = await tableStudy();
    const a = path.join(root, 'sub-03/func/sub-03_task-c_timeseries.tsv');
    const b = path.join(root, 'loop.tsv');
    await symlink(b, a);
    await symlink(a, b);
    await writeTree(root, { 'list.tsv': tsv(['file', 'subject', 'task', 'tr'], [['loop.tsv', '01', 'a', 2]]) });
    await expect(assembleStudy({ dir: root }, options)).rejects.toMatchObject({ code: 'STUDY_LINK_LOOP', file: a, value: b });
    const err = await assembleStudy({ manifest: path.join(root, 'list.tsv') }, options).catch((e) => e);
    expect(err).toMatchObject({ code: 'STUDY_LINK_LOOP', file: b });
    expect(err.message).toContain('this is a symbolic-link loop');
  });
});
