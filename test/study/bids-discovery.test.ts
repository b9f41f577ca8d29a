import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudyError } from '../../src/errors.js';
import { discoverBids } from '../../src/study/index.js';
import { tempDir, writeTree } from '../helpers/temp-tree.js';

const json = (o: object) => JSON.stringify(o);

describe('BIDS discovery', () => {
  it('finds runs with sessions and run indices, their events, and TR from the nearest sidecar', async () => {
    const root = await tempDir();
    await writeTree(root, {
      'dataset_description.json': json({ Name: 'x', BIDSVersion: '1.8.0' }),
      'task-nback_bold.json': json({ RepetitionTime: 2, TaskName: 'nback' }),
      'task-rest_bold.json': json({ RepetitionTime: 2.5 }),
      'task-nback_events.tsv': 'onset\tduration\ttrial_type\n0\t10\tA\n',
      // Overrides the top-level TR for this subject's nback runs only.
      'sub-02/sub-02_task-nback_bold.json': json({ RepetitionTime: 1.5 }),
      'sub-01/ses-1/func/sub-01_ses-1_task-nback_run-1_bold.nii.gz': 'x',
      'sub-01/ses-1/func/sub-01_ses-1_task-nback_run-1_events.tsv': 'onset\tduration\ttrial_type\n',
      'sub-01/ses-1/func/sub-01_ses-1_task-nback_run-2_bold.nii.gz': 'x',
      // A sidecar without RepetitionTime does not hide the inherited one.
      'sub-01/ses-1/func/sub-01_ses-1_task-nback_run-2_bold.json': json({ EchoTime: 0.03 }),
      'sub-01/ses-2/func/sub-01_ses-2_task-rest_bold.nii': 'x',
      'sub-01/ses-2/func/sub-01_ses-2_task-rest_bold.json': json({ RepetitionTime: 0.8 }),
      'sub-02/func/sub-02_task-nback_bold.nii.gz': 'x',
      'sub-02/anat/sub-02_T1w.nii.gz': 'x',
      'sub-02/func/sub-02_task-nback_sbref.nii.gz': 'x',
      'derivatives/fmriprep/sub-02/func/sub-02_task-nback_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz': 'x',
    });
    const { runs, notes } = await discoverBids(root);
    expect(notes).toEqual([]);
    const view = runs.map((r) => ({
      file: path.relative(root, r.file), subject: r.subject, session: r.session, task: r.task, run: r.run,
      events: r.events && path.relative(root, r.events), tr: r.tr, trSource: r.trSource && path.relative(root, r.trSource),
    }));
    expect(view).toEqual([
      { file: 'sub-01/ses-1/func/sub-01_ses-1_task-nback_run-1_bold.nii.gz', subject: '01', session: '1', task: 'nback', run: '1',
        events: 'sub-01/ses-1/func/sub-01_ses-1_task-nback_run-1_events.tsv', tr: 2, trSource: 'task-nback_bold.json' },
      { file: 'sub-01/ses-1/func/sub-01_ses-1_task-nback_run-2_bold.nii.gz', subject: '01', session: '1', task: 'nback', run: '2',
        events: 'task-nback_events.tsv', tr: 2, trSource: 'task-nback_bold.json' },
      { file: 'sub-01/ses-2/func/sub-01_ses-2_task-rest_bold.nii', subject: '01', session: '2', task: 'rest', run: null,
        events: null, tr: 0.8, trSource: 'sub-01/ses-2/func/sub-01_ses-2_task-rest_bold.json' },
      { file: 'sub-02/func/sub-02_task-nback_bold.nii.gz', subject: '02', session: null, task: 'nback', run: null,
        events: 'task-nback_events.tsv', tr: 1.5, trSource: 'sub-02/sub-02_task-nback_bold.json' },
    ]);
  });

  it('reads an fMRIPrep derivatives folder, taking TR and events from the raw dataset above it', async () => {
    const root = await tempDir();
    const prep = 'derivatives/fmriprep/sub-01/func/';
    await writeTree(root, {
      'task-motor_bold.json': json({ RepetitionTime: 0.72 }),
      'sub-01/func/sub-01_task-motor_run-01_bold.nii.gz': 'x',
      'sub-01/func/sub-01_task-motor_run-01_events.tsv': 'onset\tduration\ttrial_type\n',
      [`${prep}sub-01_task-motor_run-01_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz`]: 'x',
      [`${prep}sub-01_task-motor_run-01_space-MNI152NLin2009cAsym_desc-brain_mask.nii.gz`]: 'x',
      [`${prep}sub-01_task-motor_run-01_space-MNI152NLin2009cAsym_boldref.nii.gz`]: 'x',
      [`${prep}sub-01_task-motor_run-01_desc-confounds_timeseries.tsv`]: 'a\n1\n',
    });
    const { runs: [run, ...more] } = await discoverBids(path.join(root, 'derivatives', 'fmriprep'));
    expect(more).toEqual([]);
    expect(path.relative(root, run.file)).toBe(`${prep}sub-01_task-motor_run-01_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz`);
    expect([run.subject, run.task, run.run, run.tr]).toEqual(['01', 'motor', '01', 0.72]);
    expect(path.relative(root, run.events!)).toBe('sub-01/func/sub-01_task-motor_run-01_events.tsv');
  });

  it('prefers the derivative sidecar beside the image over the raw one', async () => {
    const root = await tempDir();
    const stem = 'derivatives/fmriprep/sub-01/func/sub-01_task-a_space-MNI152NLin6Asym_desc-preproc_bold';
    await writeTree(root, {
      'sub-01/func/sub-01_task-a_bold.json': json({ RepetitionTime: 3 }),
      [`${stem}.nii.gz`]: 'x',
      [`${stem}.json`]: json({ RepetitionTime: 2 }),
    });
    const { runs: [run] } = await discoverBids(path.join(root, 'derivatives/fmriprep'));
    expect(run.tr).toBe(2);
  });

  it('refuses two spaces for one run unless a space is chosen', async () => {
    const root = await tempDir();
    const f = 'sub-01/func/sub-01_task-a';
    await writeTree(root, {
      [`${f}_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz`]: 'x',
      [`${f}_space-T1w_desc-preproc_bold.nii.gz`]: 'x',
    });
    await expect(discoverBids(root)).rejects.toMatchObject({ code: 'STUDY_AMBIGUOUS_RUN' });
    const { runs } = await discoverBids(root, { space: 'T1w' });
    expect(runs.map((r) => path.basename(r.file))).toEqual(['sub-01_task-a_space-T1w_desc-preproc_bold.nii.gz']);
  });

  it('finds already-parcellated time-series tables, skipping fMRIPrep confounds', async () => {
    const root = await tempDir();
    await writeTree(root, {
      'task-a_bold.json': json({ RepetitionTime: 2 }),
      'sub-01/func/sub-01_task-a_run-1_timeseries.tsv': 'R1\tR2\n1\t2\n',
      'sub-01/func/sub-01_task-a_run-1_timeseries.json': json({ RepetitionTime: 1 }),
      'sub-01/func/sub-01_task-a_run-2_desc-confounds_timeseries.tsv': 'csf\n1\n',
      'sub-02/func/sub-02_task-a_timeseries.csv': 'R1,R2\n1,2\n',
    });
    const { runs } = await discoverBids(root);
    expect(runs.map((r) => [path.relative(root, r.file), r.format, r.subject, r.run, r.tr])).toEqual([
      ['sub-01/func/sub-01_task-a_run-1_timeseries.tsv', 'table', '01', '1', 1],
      ['sub-02/func/sub-02_task-a_timeseries.csv', 'table', '02', null, 2],
    ]);
  });

  it('leaves TR null when no sidecar has it (the NIfTI header decides later)', async () => {
    const root = await tempDir();
    await writeTree(root, { 'sub-01/func/sub-01_task-a_bold.nii.gz': 'x' });
    const { runs: [run] } = await discoverBids(root);
    expect([run.tr, run.trSource, run.events]).toEqual([null, null, null]);
  });

  it('rejects names that contradict their folders, folders with no runs, and a bad RepetitionTime', async () => {
    const a = await tempDir();
    await writeTree(a, { 'sub-01/func/sub-02_task-a_bold.nii.gz': 'x' });
    await expect(discoverBids(a)).rejects.toMatchObject({ code: 'STUDY_BIDS_NAME', value: 'sub-02_task-a_bold.nii.gz' });

    const b = await tempDir();
    await writeTree(b, { 'sub-01/anat/sub-01_T1w.nii.gz': 'x' });
    const err = await discoverBids(b).catch((e) => e);
    expect(err).toBeInstanceOf(StudyError);
    expect(err.code).toBe('STUDY_NO_RUNS');

    const c = await tempDir();
    await writeTree(c, { 'sub-01/func/sub-01_task-a_bold.nii.gz': 'x', 'task-a_bold.json': json({ RepetitionTime: '2' }) });
    await expect(discoverBids(c)).rejects.toMatchObject({ code: 'STUDY_SIDECAR_TR', field: 'RepetitionTime', value: '2' });

    await expect(discoverBids(path.join(c, 'nope'))).rejects.toMatchObject({ code: 'STUDY_DIR' });
  });
});
