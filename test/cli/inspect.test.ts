import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/capture-io.js';
import { shared } from '../helpers/shared-data.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeNifti1 } from '../helpers/write-nifti.js';

const reference = JSON.parse(readFileSync(shared('nifti', 'reference.json'), 'utf8'));

describe('saliency-studio inspect', () => {
  it('--json prints the header summary with the keys the issue names, matching nibabel', async () => {
    const io = captureIO();
    const file = shared('nifti', 'example4d.nii.gz');
    expect(await main(['inspect', file, '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout());
    for (const key of ['shape', 'datatype', 'endianness', 'zooms', 'affine', 'sformCode', 'qformCode', 'sclSlope', 'sclInter', 'tr', 'spatialUnit', 'timeUnit', 'min', 'max', 'sum']) {
      expect(json).toHaveProperty(key);
    }
    const ref = reference.find((r: { file: string }) => r.file === 'example4d.nii.gz');
    expect(json.shape).toEqual(ref.shape);
    expect(json.datatype).toBe(ref.datatype);
    expect(json.sum).toBe(ref.sum);
    expect(json.max).toBe(ref.max);
    expect(json.nonFinite).toBe(0);
    expect(json.mean).toBeCloseTo(ref.sum / ref.shape.reduce((p: number, d: number) => p * d, 1), 9);
    // pixdim[4] = 2000 with unit "sec" in this nibabel test file: reported as is, with a warning.
    expect(json.tr).toBe(2000);
    expect(json.warnings.join()).toMatch(/milliseconds/);
  });

  it('reports the raw scl_slope/scl_inter and applies them (scaled_int16: slope 0.5, intercept -10)', async () => {
    const io = captureIO();
    expect(await main(['inspect', shared('nifti', 'scaled_int16.nii.gz'), '--json'], io)).toBe(0);
    const json = JSON.parse(io.stdout());
    expect(json.sclSlope).toBe(0.5);
    expect(json.sclInter).toBe(-10);
    expect(json.scalingApplied).toBe(true);
    const ref = reference.find((r: { file: string }) => r.file === 'scaled_int16.nii.gz');
    expect(json.min).toBe(ref.min);
    expect(json.max).toBe(ref.max);
  });

  it('prints a readable summary without --json', async () => {
    const io = captureIO();
    expect(await main(['inspect', shared('nifti', 'anatomical.nii')], io)).toBe(0);
    expect(io.stdout()).toMatch(/shape\s+33 × 41 × 25/);
    expect(io.stdout()).toMatch(/big-endian/);
  });

  it('a malformed file gives one error line naming the file and a non-zero exit, no stack trace', async () => {
    const io = captureIO();
    const file = shared('nifti', 'reference.json');
    expect(await main(['inspect', file], io)).toBe(1);
    const lines = io.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: .*reference\.json: sizeof_hdr = \d+; expected 348/);
  });

  it('a missing argument is a usage error with exit code 2', async () => {
    const io = captureIO();
    expect(await main(['inspect'], io)).toBe(2);
    expect(io.stderr()).toMatch(/<file> = "missing"; expected exactly one <file>/);
  });

  it('--debug adds the stack trace', async () => {
    const io = captureIO();
    expect(await main(['inspect', shared('nifti', 'reference.json'), '--debug'], io)).toBe(1);
    expect(io.stderr()).toMatch(/at .*header\.(ts|js)/);
  });

  describe('an image with NaN and ±Inf voxels', () => {
    // 24 voxels (i - 10) / 2 with NaN at 2, 5, 9 and +Inf at 20, -Inf at 0: 19 finite values.
    const values = Array.from({ length: 24 }, (_, i) => (i - 10) / 2);
    [2, 5, 9].forEach((i) => (values[i] = NaN));
    values[20] = Infinity;
    values[0] = -Infinity;
    const finite = values.filter(Number.isFinite);
    const sum = finite.reduce((s, v) => s + v, 0);
    const write = async () => {
      const file = path.join(await tempDir(), 'nan.nii');
      await writeNifti1(file, { shape: [4, 3, 2], datatype: 'float32', affine: [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]], data: values });
      return file;
    };

    it('--json counts them and gives min, max, sum and mean of the finite voxels', async () => {
      const io = captureIO();
      expect(await main(['inspect', await write(), '--json'], io)).toBe(0);
      const json = JSON.parse(io.stdout());
      expect(sum).toBe(25);
      expect(json).toMatchObject({ voxels: 24, nonFinite: 5, nan: 3, min: -4.5, max: 6.5, sum, mean: sum / 19 });
    });

    it('the text summary says how many there are and what they were left out of', async () => {
      const io = captureIO();
      expect(await main(['inspect', await write()], io)).toBe(0);
      expect(io.stdout()).toMatch(/min \/ max\s+-4\.50000 \/ 6\.50000\n/);
      expect(io.stdout()).toMatch(/sum\s+25\n/);
      expect(io.stdout()).toMatch(/mean\s+1\.31579\n/);
      expect(io.stdout()).toMatch(/non-finite\s+5 of 24 voxels \(3 NaN, 2 ±Inf\), left out of min, max, sum and mean/);
    });
  });
});
