import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { reportHelp } from '../../src/cli/commands/report.js';
import { writeNifti } from '../../src/nifti/write.js';
import { exportReport } from '../../src/report/export.js';
import { REPORT_PDF } from '../../src/report/html/index.js';
import { tempDir } from '../helpers/temp-tree.js';
import { TR, writeKnownRun } from '../report/helpers/known-run.js';

/** Every file name the help text mentions (words ending in a report file extension). */
const namedInHelp = () => new Set(reportHelp.match(/\b[\w.]+\.(?:tsv|csv|nii\.gz|npy|json|html|pdf)\b/g) ?? []);

describe('report --help', () => {
  it('names exactly the files a real export writes', async () => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root);
    // A small functional image inside the bundled AAL's box, so the _func maps are written too.
    const reference = path.join(root, 'bold.nii');
    await writeNifti(reference, { shape: [4, 4, 4, 2], datatype: 'float32', affine: [[4, 0, 0, -8], [0, 4, 0, -8], [0, 0, 4, 0], [0, 0, 0, 1]], data: new Float32Array(128), tr: TR });
    const { files } = await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out: path.join(root, 'report'), formats: ['tsv', 'csv', 'nifti', 'npy', 'json', 'html'], functionalReference: reference });
    // PDF needs Chromium, which is not everywhere: its writer's file name stands in for its output.
    const written = new Set([...files, REPORT_PDF]);
    expect(written.size).toBe(13); // tsv 2, csv 2, nifti 4, npy 2, json, html, pdf
    expect([...namedInHelp()].sort()).toEqual([...written].sort());
  });

  it('no longer names importance.nii.gz or importance_time.nii.gz, which nothing writes', () => {
    expect(namedInHelp().has('importance.nii.gz')).toBe(false);
    expect(namedInHelp().has('importance_time.nii.gz')).toBe(false);
  });
});
