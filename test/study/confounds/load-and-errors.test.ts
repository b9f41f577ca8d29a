import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudyError } from '../../../src/errors.js';
import { findConfounds, loadConfounds, requireConfounds } from '../../../src/study/confounds/index.js';
import { shared } from '../../helpers/shared-data.js';

const TSV = shared('signal', 'sub-01_task-demo_desc-confounds_timeseries.tsv');
const JSON_FILE = shared('signal', 'sub-01_task-demo_desc-confounds_timeseries.json');
const LINES = readFileSync(TSV, 'utf8').trimEnd().split('\n');
const HEADER = LINES[0].split('\t');
const MOTION6 = ['rot_x', 'rot_y', 'rot_z', 'trans_x', 'trans_y', 'trans_z'];
const COSINES = ['cosine00', 'cosine01', 'cosine02', 'cosine03', 'cosine04'];

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'confounds-'));
}

/** A copy of the reference table with some columns dropped or cells changed, as a new file. */
function variant(edit: (rows: string[][]) => string[][], withJson = false): string {
  const dir = tempDir();
  const file = path.join(dir, 'sub-01_task-demo_desc-confounds_timeseries.tsv');
  writeFileSync(file, edit(LINES.map((l) => l.split('\t'))).map((r) => r.join('\t')).join('\n') + '\n');
  if (withJson) copyFileSync(JSON_FILE, file.replace(/\.tsv$/, '.json'));
  return file;
}

function dropColumns(rows: string[][], drop: (name: string) => boolean): string[][] {
  const keep = rows[0].map((name, i) => (drop(name) ? -1 : i)).filter((i) => i >= 0);
  return rows.map((r) => keep.map((i) => r[i]));
}

async function studyError(p: Promise<unknown>): Promise<StudyError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(StudyError);
  return err as StudyError;
}

describe('loadConfounds component columns (nilearn names, sorted)', () => {
  it('expands motion to 6 / 12 / 12 / 24 columns for basic / power2 / derivatives / full', async () => {
    const names = async (motion: 'basic' | 'power2' | 'derivatives' | 'full') => (await loadConfounds(TSV, { strategy: ['motion'], motion })).columns;
    expect(await names('basic')).toEqual(MOTION6);
    expect(await names('power2')).toEqual(MOTION6.flatMap((p) => [p, `${p}_power2`]));
    expect(await names('derivatives')).toEqual(MOTION6.flatMap((p) => [p, `${p}_derivative1`]));
    expect(await names('full')).toEqual(MOTION6.flatMap((p) => [p, `${p}_derivative1`, `${p}_derivative1_power2`, `${p}_power2`]));
  });

  it('expands wm_csf and global_signal the same way', async () => {
    expect((await loadConfounds(TSV, { strategy: ['wm_csf'], wm_csf: 'derivatives' })).columns)
      .toEqual(['csf', 'csf_derivative1', 'white_matter', 'white_matter_derivative1']);
    expect((await loadConfounds(TSV, { strategy: ['global_signal'], global_signal: 'power2' })).columns)
      .toEqual(['global_signal', 'global_signal_power2']);
  });

  it('takes fMRIPrep\'s cosine columns for high_pass', async () => {
    expect((await loadConfounds(TSV, { strategy: ['high_pass'] })).columns).toEqual(COSINES);
  });

  it('chooses CompCor columns through the sidecar Mask: combined a_, separated w_/c_, temporal t_, n_compcor per mask', async () => {
    const names = async (compcor: 'anat_combined' | 'anat_separated' | 'temporal' | 'temporal_anat_combined', n_compcor: number | 'all' = 'all') =>
      (await loadConfounds(TSV, { strategy: ['high_pass', 'compcor'], compcor, n_compcor })).columns.filter((c) => !c.startsWith('cosine'));
    expect(await names('anat_combined')).toEqual(['a_comp_cor_00', 'a_comp_cor_01', 'a_comp_cor_02', 'a_comp_cor_03']);
    expect(await names('anat_combined', 2)).toEqual(['a_comp_cor_00', 'a_comp_cor_01']);
    expect(await names('anat_separated')).toEqual(['c_comp_cor_00', 'c_comp_cor_01', 'w_comp_cor_00', 'w_comp_cor_01']);
    expect(await names('anat_separated', 1)).toEqual(['c_comp_cor_00', 'w_comp_cor_00']);
    expect(await names('temporal')).toEqual(['t_comp_cor_00', 't_comp_cor_01']);
    expect(await names('temporal_anat_combined', 1)).toEqual(['a_comp_cor_00', 't_comp_cor_00']);
  });

  it('gives no sample mask (nilearn\'s None) and demeans over all volumes when the table has no outlier regressor', async () => {
    const file = variant((rows) => dropColumns(rows, (n) => n.startsWith('non_steady_state')));
    const got = await loadConfounds(file, { strategy: ['motion'], motion: 'basic' });
    expect(got.sampleMask).toBeNull();
    expect(got.censored).toEqual([]);
    const col = HEADER.indexOf('trans_x');
    const raw = LINES.slice(1).map((l) => Number(l.split('\t')[col]));
    const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
    got.values[got.columns.indexOf('trans_x')].forEach((v, t) => expect(v).toBeCloseTo(raw[t] - mean, 12));
  });

  it('keeps raw values with demean = false, row-0 n/a filled from row 1', async () => {
    const got = await loadConfounds(TSV, { strategy: ['motion'], motion: 'derivatives', demean: false });
    const col = HEADER.indexOf('trans_x_derivative1');
    const raw = LINES.slice(1).map((l) => l.split('\t')[col]);
    expect(raw[0]).toBe('n/a');
    const x = got.values[got.columns.indexOf('trans_x_derivative1')];
    expect(x[0]).toBe(Number(raw[1]));
    expect(x[150]).toBe(Number(raw[150]));
  });
});

describe('loadConfounds refuses bad input with a StudyError naming the file and field', () => {
  it('a missing confounds file', async () => {
    const missing = path.join(tempDir(), 'sub-01_task-x_desc-confounds_timeseries.tsv');
    const err = await studyError(loadConfounds(missing, {}));
    expect(err.code).toBe('CONFOUNDS_UNREADABLE');
    expect(err.file).toBe(missing);
  });

  it('a column the strategy needs, naming it', async () => {
    const file = variant((rows) => dropColumns(rows, (n) => n === 'rot_z_power2'));
    const err = await studyError(loadConfounds(file, { strategy: ['motion'], motion: 'full' }));
    expect(err.code).toBe('CONFOUNDS_MISSING_COLUMN');
    expect(err.field).toBe('columns for motion');
    expect(err.value).toEqual(['rot_z_power2']);
    expect((await loadConfounds(file, { strategy: ['motion'], motion: 'basic' })).columns).toEqual(MOTION6);
  });

  it('scrubbing without framewise_displacement, and high_pass without cosines', async () => {
    const noFd = variant((rows) => dropColumns(rows, (n) => n === 'framewise_displacement'));
    expect((await studyError(loadConfounds(noFd, { strategy: ['scrub'] }))).value).toEqual(['framewise_displacement']);
    const noCos = variant((rows) => dropColumns(rows, (n) => n.startsWith('cosine')));
    expect((await studyError(loadConfounds(noCos, { strategy: ['high_pass'] }))).field).toBe('columns for high_pass');
  });

  it('compcor without its sidecar, or without high_pass', async () => {
    const noJson = variant((rows) => rows);
    const err = await studyError(loadConfounds(noJson, { strategy: ['high_pass', 'compcor'] }));
    expect(err.code).toBe('CONFOUNDS_JSON_MISSING');
    expect(err.file).toBe(noJson.replace(/\.tsv$/, '.json'));
    expect((await studyError(loadConfounds(TSV, { strategy: ['compcor'] }))).field).toBe('strategy');
  });

  it('a ragged row, a cell that is not a number, an empty cell', async () => {
    const ragged = variant((rows) => rows.map((r, i) => (i === 5 ? r.slice(1) : r)));
    const e1 = await studyError(loadConfounds(ragged, {}));
    expect([e1.code, e1.field]).toEqual(['CONFOUNDS_TSV', 'line 6']);
    const text = variant((rows) => rows.map((r, i) => (i === 7 ? r.map((c, j) => (j === HEADER.indexOf('csf') ? 'abc' : c)) : r)));
    const e2 = await studyError(loadConfounds(text, {}));
    expect([e2.field, e2.value]).toEqual(['line 8, column csf', 'abc']);
    const empty = variant((rows) => rows.map((r, i) => (i === 7 ? r.map((c, j) => (j === HEADER.indexOf('csf') ? '' : c)) : r)));
    expect((await studyError(loadConfounds(empty, {}))).value).toBe('');
  });

  it('an n/a after row 0 in a column the strategy regresses out', async () => {
    const file = variant((rows) => rows.map((r, i) => (i === 11 ? r.map((c, j) => (j === HEADER.indexOf('trans_y') ? 'n/a' : c)) : r)));
    const err = await studyError(loadConfounds(file, { strategy: ['motion'], motion: 'basic' }));
    expect([err.code, err.field]).toEqual(['CONFOUNDS_NA', 'trans_y, volume 10']);
  });

  it('an unknown component or model', async () => {
    expect((await studyError(loadConfounds(TSV, { strategy: ['ica_aroma' as never] }))).field).toBe('strategy');
    expect((await studyError(loadConfounds(TSV, { motion: 'all' as never }))).field).toBe('motion');
  });
});

describe('finding the confounds table beside a run', () => {
  function func(files: string[]): string {
    const dir = path.join(tempDir(), 'sub-01', 'func');
    mkdirSync(dir, { recursive: true });
    for (const f of files) writeFileSync(path.join(dir, f), '');
    return dir;
  }

  it('matches the run\'s entities, ignoring desc and derivative-only suffixes, most specific first', async () => {
    const dir = func([
      'sub-01_task-rest_run-1_desc-confounds_timeseries.tsv',
      'sub-01_task-rest_run-2_desc-confounds_timeseries.tsv',
      'sub-01_task-rest_desc-confounds_timeseries.tsv',
    ]);
    expect(await findConfounds(path.join(dir, 'sub-01_task-rest_run-2_space-MNI152NLin2009cAsym_desc-preproc_bold.nii.gz')))
      .toBe(path.join(dir, 'sub-01_task-rest_run-2_desc-confounds_timeseries.tsv'));
    expect(await findConfounds(path.join(dir, 'sub-01_task-rest_run-3_atlas-AAL_timeseries.tsv')))
      .toBe(path.join(dir, 'sub-01_task-rest_desc-confounds_timeseries.tsv'));
  });

  it('finds the reference table for the reference run, and accepts fMRIPrep < 20.2 _regressors names', async () => {
    expect(await findConfounds(shared('signal', 'sub-01_task-demo_atlas-AAL_timeseries.tsv'))).toBe(TSV);
    const dir = func(['sub-01_task-rest_desc-confounds_regressors.tsv']);
    expect(await findConfounds(path.join(dir, 'sub-01_task-rest_bold.nii.gz'))).toBe(path.join(dir, 'sub-01_task-rest_desc-confounds_regressors.tsv'));
  });

  it('refuses a run without a confounds table with an error naming the run', async () => {
    const dir = func(['sub-01_task-rest_run-1_desc-confounds_timeseries.tsv', 'sub-02_task-rest_desc-confounds_timeseries.tsv']);
    const run = path.join(dir, 'sub-01_task-other_bold.nii.gz');
    expect(await findConfounds(run)).toBeNull();
    const err = await studyError(requireConfounds(run, 'sub-01_task-other'));
    expect(err.code).toBe('CONFOUNDS_NOT_FOUND');
    expect(err.file).toBe(run);
    expect(err.message).toContain('sub-01_task-other');
  });

  it('refuses two equally specific tables', async () => {
    const dir = func(['sub-01_task-rest_desc-confounds_timeseries.tsv', 'sub-01_task-rest_desc-confounds_regressors.tsv']);
    expect((await studyError(findConfounds(path.join(dir, 'sub-01_task-rest_bold.nii')))).code).toBe('CONFOUNDS_AMBIGUOUS');
  });
});
