import { mkdir, readdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readDatasetCache } from '../../src/study/index.js';
import { captureIO } from '../helpers/capture-io.js';
import { writeRescaledCopy } from '../helpers/rescaled-copy.js';
import { shared } from '../helpers/shared-data.js';
import { tempDir, writeTree } from '../helpers/temp-tree.js';
import { writeTableStudy } from '../helpers/table-study.js';

/** A BIDS tree: 3 subjects × tasks rest/motor, each run the shared 24-volume image with its own scl_slope. */
async function bidsTree(withTr: boolean): Promise<string> {
  const root = await tempDir();
  for (const [s, sub] of ['01', '02', '03'].entries()) {
    for (const [t, task] of ['rest', 'motor'].entries()) {
      const dir = path.join(root, `sub-${sub}`, 'func');
      await mkdir(dir, { recursive: true });
      await writeRescaledCopy(shared('parcellation', 'sub-01_task-demo_bold.nii.gz'), path.join(dir, `sub-${sub}_task-${task}_bold.nii.gz`), 1 + (2 * s + t) / 8);
    }
  }
  if (withTr) await writeTree(root, { 'task-rest_bold.json': '{"RepetitionTime": 2}', 'task-motor_bold.json': '{"RepetitionTime": 2}' });
  return root;
}

const tableTree = () => writeTableStudy(3, 6);

describe('saliency-studio study', () => {
  it('follows a linked subject folder and prints why each skipped sub-* entry was left out', async () => {
    const root = await tableTree();
    const elsewhere = await tempDir();
    const rows = Array.from({ length: 6 }, (_, v) => `${v * 0.5}\t${v % 3}`).join('\n');
    await writeTree(elsewhere, {
      'sub-04/func/sub-04_task-a_timeseries.tsv': `R1\tR2\n${rows}\n`,
      'sub-04/func/sub-04_task-b_timeseries.tsv': `R1\tR2\n${rows.replaceAll('0.5', '0.25')}\n`,
    });
    await symlink(path.join(elsewhere, 'sub-04'), path.join(root, 'sub-04'));
    await writeTree(root, { 'sub-05-retest/func/sub-05_task-a_timeseries.tsv': 'R1\tR2\n1\t2\n' });
    const out = path.join(await tempDir(), 'cache');
    const io = captureIO();
    expect(await main(['study', root, '--window', '3', '--stride', '3', '--split', '0.5,0,0.5', '--out', out], io)).toBe(0);
    expect(io.stdout()).toMatch(/Subjects: 4 \(train 2, validation 0, test 2\)/);
    expect(io.stdout()).toContain('Warning: skipped sub-05-retest: the label "05-retest" is not letters and digits only, as BIDS labels must be\n');
  });

  it('refuses a split that leaves no test subject, before anything is written', async () => {
    const root = await tableTree();
    const out = path.join(await tempDir(), 'cache');
    const io = captureIO();
    expect(await main(['study', root, '--split', '1,0,0', '--out', out], io)).toBe(2);
    expect(io.stderr().trim().split('\n')).toEqual([
      'error: study: --split = "1,0,0"; expected fractions ≥ 0 with train > 0 and test > 0 (training needs subjects to learn from and held-out test subjects; validation may be 0)',
    ]);
    await expect(readdir(out)).rejects.toThrow();
  });


  it('summarises a BIDS folder and writes a dataset cache the training engine can read', async () => {
    const root = await bidsTree(true);
    const out = path.join(await tempDir(), 'cache');
    const io = captureIO();
    expect(await main(['study', root, '--window', '8', '--stride', '8', '--out', out], io)).toBe(0);
    // 24 volumes → windows at 0, 8, 16: 3 per run, 6 runs.
    expect(io.stdout()).toMatch(/Subjects: 3 \(train 1, validation 1, test 1\)/);
    expect(io.stdout()).toMatch(/Windows by task: 18/);
    const dataset = await readDatasetCache(out);
    expect(dataset.classes).toEqual(['motor', 'rest']);
    expect(dataset.regions).toHaveLength(116);
    expect(dataset.data.length).toBe(18 * 8 * 116);
    expect(await readdir(out)).toEqual(expect.arrayContaining(['dataset.json', 'dataset.f32', 'parcellations']));
    expect(io.stderr()).toMatch(/parcellating runs: 6\/6 \(100%\)/);
  });

  it('a study whose runs have a TR only in the header still works; the summary reports it', async () => {
    const root = await bidsTree(false);
    const out = path.join(await tempDir(), 'cache');
    const io = captureIO();
    expect(await main(['study', root, '--window', '12', '--stride', '12', '--out', out], io)).toBe(0);
    expect(io.stdout()).toMatch(/TR: 2 s/);
    expect(JSON.parse(await readFile(path.join(out, 'dataset.json'), 'utf8')).window).toBe(12);
  });

  it('an invalid option value is a usage error naming the option', async () => {
    const io = captureIO();
    expect(await main(['study', '/nowhere', '--window', '0', '--out', '/tmp/x'], io)).toBe(2);
    expect(io.stderr()).toMatch(/--window = "0"; expected an integer ≥ 1/);
  });

  it('a folder with no runs fails with one line and writes nothing', async () => {
    const root = await tempDir();
    const out = path.join(await tempDir(), 'cache');
    const io = captureIO();
    expect(await main(['study', root, '--out', out], io)).toBe(1);
    expect(io.stderr().trim().split('\n')).toHaveLength(1);
    await expect(readdir(out)).rejects.toThrow();
  });

  it('refuses an atlas whose names file names too few of its labels, and --allow-unnamed builds it with a warning', async () => {
    const root = await bidsTree(true);
    const atlas = ['--atlas', shared('atlases', 'AICHAmc.nii.gz'), '--names', shared('atlases', 'aal.nii.txt')];
    const refused = path.join(await tempDir(), 'cache');
    const io = captureIO();
    expect(await main(['study', root, ...atlas, '--window', '8', '--stride', '8', '--out', refused], io)).toBe(1);
    expect(io.stderr()).toMatch(/aal\.nii\.txt: labels of .*AICHAmc\.nii\.gz named = "116 of 192 \(unnamed: 117–192\)"; expected .*--allow-unnamed/);
    await expect(readdir(refused)).rejects.toMatchObject({ code: 'ENOENT' });

    const out = path.join(await tempDir(), 'cache');
    const ok = captureIO();
    expect(await main(['study', root, ...atlas, '--allow-unnamed', '--window', '8', '--stride', '8', '--out', out], ok)).toBe(0);
    expect(ok.stdout()).toMatch(/Warning: .*76 of the 192 labels of .*AICHAmc\.nii\.gz not named there, so named by label value: 117–192/);
    const names = (await readDatasetCache(out)).regions.map((r) => r.name);
    expect(names).toContain('Precentral_L');
    expect(names).toContain('117');
  });
});
