import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'parse5';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readDemoGroundTruth } from '../../src/demo/index.js';
import { readNifti } from '../../src/nifti/index.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir } from '../helpers/temp-tree.js';

describe('saliency-studio demo', () => {
  it('runs the whole job on the demo study and reports how well saliency found the planted regions', async () => {
    const out = await tempDir();
    const io = captureIO();
    expect(await main(['demo', '--out', out], io)).toBe(0);
    const text = io.stdout();
    for (const model of ['lstm-input-cell', 'lstm']) {
      expect(text).toMatch(new RegExp(`${model}: test accuracy \\d+\\.\\d % \\(\\d+ windows\\)`));
      const report = path.join(out, 'report', model);
      const files = await readdir(report);
      for (const f of ['regions.tsv', 'region_by_time.tsv', 'region_importance.nii.gz', 'region_by_time.nii.gz', 'saliency.npy', 'provenance.json', 'report.html']) expect(files).toContain(f);
      expect(text).toContain(path.join(report, 'report.html'));
      // The report's map has one value per AAL region; the planted regions of the tasks are real AAL names.
      const map = await readNifti(path.join(report, 'region_importance.nii.gz'));
      expect(map.header.shape.slice(0, 3)).toEqual([181, 217, 181]);
      expect(() => parse(readFileSync(path.join(report, 'report.html'), 'utf8'))).not.toThrow();
    }
    const truth = await readDemoGroundTruth(path.join(out, 'study'));
    expect(truth.subjects.length).toBeGreaterThanOrEqual(4);
    const precisions = [...text.matchAll(/top-k precision\): (\d+) %/g)].map((m) => Number(m[1]));
    expect(precisions).toHaveLength(2);
    // Far above chance: a random top-5 of 116 regions holds a planted one ~4 % of the time.
    expect(Math.max(...precisions)).toBeGreaterThanOrEqual(40);
    const tsv = await readFile(path.join(out, 'report', 'lstm-input-cell', 'regions.tsv'), 'utf8');
    expect(tsv.split('\n')[0]).toMatch(/^label\tname\timportance_mean\timportance_sd\trank/);
  }, 240_000);
});
