import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverBids } from '../../src/study/index.js';
import { listFolder } from '../../src/study/fs-entries.js';
import { tempDir, writeTree } from '../helpers/temp-tree.js';

const table = 'R1\tR2\n1\t2\n3\t4\n';

/** sub-01 and sub-02 with one table run each, under `root`. */
async function twoSubjects(root: string): Promise<void> {
  await writeTree(root, {
    'sub-01/func/sub-01_task-a_timeseries.tsv': table,
    'sub-02/func/sub-02_task-a_timeseries.tsv': table,
  });
}

describe('BIDS discovery: every sub-* entry is walked or reported', () => {
  it('follows a symbolically linked subject folder', async () => {
    const root = await tempDir();
    const elsewhere = await tempDir();
    await twoSubjects(root);
    await writeTree(elsewhere, { 'sub-05/func/sub-05_task-a_timeseries.tsv': table });
    await symlink(path.join(elsewhere, 'sub-05'), path.join(root, 'sub-05'));
    const { runs, notes } = await discoverBids(root);
    expect(runs.map((r) => r.subject)).toEqual(['01', '02', '05']);
    expect(runs[2].file).toBe(path.join(root, 'sub-05/func/sub-05_task-a_timeseries.tsv'));
    expect(notes).toEqual([]);
  });

  it('skips, with the reason, a non-alphanumeric label, a file named sub-*, and a subject without runs', async () => {
    const root = await tempDir();
    await twoSubjects(root);
    await writeTree(root, {
      'sub-03_pilot/func/sub-03_task-a_timeseries.tsv': table,
      'sub-04.zip': 'PK',
      'sub-06/anat/sub-06_T1w.nii.gz': 'x',
      'sub-01/ses-a.b/func/sub-01_ses-a.b_task-a_timeseries.tsv': table,
      // fMRIPrep writes one report per subject beside the folders: not worth a note.
      'sub-01.html': '<html></html>',
    });
    const { runs, notes } = await discoverBids(root);
    expect(runs.map((r) => r.subject)).toEqual(['01', '02']);
    expect(notes).toEqual([
      'skipped sub-03_pilot: the label "03_pilot" is not letters and digits only, as BIDS labels must be',
      'skipped sub-04.zip: not a folder',
      'skipped sub-01/ses-a.b: the label "a.b" is not letters and digits only, as BIDS labels must be',
      'sub-06 has no runs (no *_bold.nii[.gz] or *_timeseries.tsv|.csv under its func/ folders); it is left out',
    ]);
  });

  it('notes a subject whose runs are all in another space', async () => {
    const root = await tempDir();
    await writeTree(root, {
      'sub-01/func/sub-01_task-a_space-T1w_timeseries.tsv': table,
      'sub-02/func/sub-02_task-a_space-MNI_timeseries.tsv': table,
    });
    const { runs, notes } = await discoverBids(root, { space: 'MNI' });
    expect(runs.map((r) => r.subject)).toEqual(['02']);
    expect(notes).toEqual(['sub-01 has no runs in space "MNI"; it is left out']);
  });

  it('refuses a folder reached twice through links: a session linking back to its subject, two subjects sharing one folder', async () => {
    const loop = await tempDir();
    await twoSubjects(loop);
    await symlink(path.join(loop, 'sub-01'), path.join(loop, 'sub-01', 'ses-1'));
    await expect(discoverBids(loop)).rejects.toMatchObject({
      code: 'STUDY_DUPLICATE_FOLDER', file: path.join(loop, 'sub-01/ses-1'), value: path.join(loop, 'sub-01'),
    });

    const shared = await tempDir();
    await twoSubjects(shared);
    await symlink(path.join(shared, 'sub-02'), path.join(shared, 'sub-03'));
    const err = await discoverBids(shared).catch((e) => e);
    expect(err).toMatchObject({ name: 'StudyError', code: 'STUDY_DUPLICATE_FOLDER', file: path.join(shared, 'sub-03') });
    expect(err.message).toContain(`it is ${path.join(shared, 'sub-02')} again`);
  });

  it('a dangling sub-* link is an error naming it and its target, not a missing subject', async () => {
    const root = await tempDir();
    await twoSubjects(root);
    await symlink('/nowhere/sub-07', path.join(root, 'sub-07'));
    const err = await discoverBids(root).catch((e) => e);
    expect(err).toMatchObject({ code: 'STUDY_DANGLING_LINK', file: path.join(root, 'sub-07'), value: '/nowhere/sub-07' });
    expect(err.message).toContain('a dangling symbolic link to /nowhere/sub-07');
  });
});

describe('BIDS discovery: an unreadable folder inside the study is an error, not an empty list', () => {
  it('a func that is a file', async () => {
    const root = await tempDir();
    await twoSubjects(root);
    await writeTree(root, { 'sub-03/func': 'not a folder' });
    await expect(discoverBids(root)).rejects.toMatchObject({
      name: 'StudyError', code: 'STUDY_UNREADABLE', file: path.join(root, 'sub-03/func'), value: 'a file',
    });
  });

  it('a func that is a dangling link', async () => {
    const root = await tempDir();
    await twoSubjects(root);
    await mkdir(path.join(root, 'sub-03'));
    await symlink('/nowhere/func', path.join(root, 'sub-03/func'));
    await expect(discoverBids(root)).rejects.toMatchObject({ code: 'STUDY_DANGLING_LINK', file: path.join(root, 'sub-03/func') });
  });

  it('a raw-dataset folder that TR is inherited from (no silent fall-back to the header)', async () => {
    const root = await tempDir();
    await writeTree(root, {
      'task-a_bold.json': '{"RepetitionTime": 2}',
      'derivatives/prep/sub-01/func/sub-01_task-a_space-MNI_desc-preproc_bold.nii.gz': 'x',
    });
    await symlink('/nowhere/sub-01', path.join(root, 'sub-01'));
    await expect(discoverBids(path.join(root, 'derivatives/prep'))).rejects.toMatchObject({ code: 'STUDY_DANGLING_LINK', file: path.join(root, 'sub-01') });
  });

  it('a folder that cannot be listed (permissions: injected, since root reads anything)', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    await expect(listFolder('/study/sub-01/func', () => Promise.reject(denied))).rejects.toMatchObject({
      name: 'StudyError', code: 'STUDY_UNREADABLE', file: '/study/sub-01/func', value: 'EACCES',
    });
    // Only a level that does not exist is empty.
    expect(await listFolder(path.join(await tempDir(), 'absent'))).toEqual([]);
  });
});
