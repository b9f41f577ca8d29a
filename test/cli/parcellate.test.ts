import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseTable } from '../../src/util/table.js';
import { captureIO } from '../helpers/capture-io.js';
import { shared } from '../helpers/shared-data.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeNifti1 } from '../helpers/write-nifti.js';

const bold = shared('parcellation', 'sub-01_task-demo_bold.nii.gz');
const referenceFile = shared('parcellation', 'aal_region_means.tsv');
const AICHA = shared('atlases', 'AICHAmc.nii.gz');
const AAL_NAMES = shared('atlases', 'aal.nii.txt');
const IDENTITY = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];

describe('saliency-studio parcellate', () => {
  it('writes the same table as the nibabel reference (columns, voxel counts, means to 1e-4)', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'ss-parc-')), 'regions.tsv');
    const io = captureIO();
    const code = await main(['parcellate', bold, '--atlas', shared('atlases', 'aal.nii.gz'), '--names', shared('atlases', 'aal.nii.txt'), '--out', out], io);
    expect(code).toBe(0);
    const ours = parseTable(readFileSync(out, 'utf8'), out);
    const ref = parseTable(readFileSync(referenceFile, 'utf8'), referenceFile);
    expect(ours.columns).toEqual(ref.columns);
    expect(ours.rows.length).toBe(ref.rows.length);
    ref.rows.forEach((row, r) => {
      expect(ours.rows[r].slice(0, 3)).toEqual(row.slice(0, 3));
      for (let c = 3; c < row.length; c++) {
        // The reference (pandas) writes `nan`; we write the BIDS `n/a`, which pandas reads back as NaN.
        if (row[c] === 'nan') expect(ours.rows[r][c]).toBe('n/a');
        else expect(Math.abs(Number(ours.rows[r][c]) - Number(row[c]))).toBeLessThan(1e-4);
      }
    });
    expect(io.stdout()).toMatch(/regions × 24 volumes written/);
    expect(io.stderr()).not.toMatch(/warning/);
  });

  it('uses the bundled AAL (with its names) when no atlas is given', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'ss-parc-')), 'regions.tsv');
    expect(await main(['parcellate', bold, '--out', out], captureIO())).toBe(0);
    const ours = parseTable(readFileSync(out, 'utf8'), out);
    expect(ours.rows[0].slice(0, 3)).toEqual(['1', 'Precentral_L', '443']);
  });

  it('a bad input leaves no output file behind', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ss-parc-'));
    const out = path.join(dir, 'regions.tsv');
    const io = captureIO();
    expect(await main(['parcellate', shared('nifti', 'reference.json'), '--out', out], io)).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    expect(io.stderr()).toMatch(/^error: .*sizeof_hdr/);
  });

  it('refuses AICHA with the AAL names in one error line, writing nothing', async () => {
    const dir = await tempDir();
    const io = captureIO();
    expect(await main(['parcellate', bold, '--atlas', AICHA, '--names', AAL_NAMES, '--out', path.join(dir, 'r.tsv')], io)).toBe(1);
    expect(io.stderr()).toBe(
      `error: ${AAL_NAMES}: labels of ${AICHA} named = "116 of 192 (unnamed: 117–192)"; expected the names file of this atlas, or --allow-unnamed to name regions by label number\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--allow-unnamed accepts AICHA with the AAL names, naming labels 117–192 by number with a warning', async () => {
    const out = path.join(await tempDir(), 'r.tsv');
    const io = captureIO();
    expect(await main(['parcellate', bold, '--atlas', AICHA, '--names', AAL_NAMES, '--allow-unnamed', '--out', out], io)).toBe(0);
    expect(io.stderr()).toContain(`warning: ${AAL_NAMES}: 76 of the 192 labels of ${AICHA} not named there, so named by label value: 117–192\n`);
    const rows = parseTable(readFileSync(out, 'utf8'), out).rows;
    expect(rows).toHaveLength(192);
    expect(rows[0].slice(0, 2)).toEqual(['1', 'Precentral_L']);
    expect(rows[116].slice(0, 2)).toEqual(['117', '117']);
  });

  it('--out naming a folder is a one-line usage error, before any work', async () => {
    const dir = await tempDir();
    const io = captureIO();
    expect(await main(['parcellate', bold, '--out', dir], io)).toBe(2);
    expect(io.stderr()).toBe(`error: parcellate: --out = "${dir}"; expected a file path (this is a folder)\n`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves NaN voxels out of the region means and says so', async () => {
    const dir = await tempDir();
    // Label 1 on x = 0–1, label 2 on x = 2–3 of a 4×1×1 grid; two volumes.
    const atlas = path.join(dir, 'atlas.nii');
    await writeNifti1(atlas, { shape: [4, 1, 1], datatype: 'uint8', affine: IDENTITY, data: [1, 1, 2, 2] });
    await writeFile(path.join(dir, 'atlas.nii.txt'), '1 Left\n2 Right\n');
    const run = path.join(dir, 'run.nii');
    await writeNifti1(run, { shape: [4, 1, 1, 2], datatype: 'float32', affine: IDENTITY, data: [1, NaN, 3, 5, 2, 4, NaN, NaN], tr: 2 });
    const out = path.join(dir, 'r.tsv');
    const io = captureIO();
    expect(await main(['parcellate', run, '--atlas', atlas, '--out', out], io)).toBe(0);
    // nanmean per region: Left [1, 3], Right [4, nan].
    const rows = parseTable(readFileSync(out, 'utf8'), out).rows;
    expect(rows).toEqual([['1', 'Left', '2', '1', '3'], ['2', 'Right', '2', '4', 'n/a']]);
    expect(io.stderr()).toContain(`warning: ${run}: non-finite voxels (NaN or ±Inf) left out of the means of 2 regions: Left (up to 1 of 2 voxels, in 1 of 2 volumes), Right (all of 2 voxels, in 1 of 2 volumes)\n`);
    expect(io.stderr()).toContain(`warning: ${run}: 1 region with no finite voxel at some volumes, so nan there: Right (t1)\n`);
  });
});
