import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/app/context.js';
import { exportReportOp, REPORT_DEFAULTS } from '../../src/app/export-report.js';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { startJob } from '../../src/jobs/worker/host.js';
import { isCancelled } from '../../src/util/cancel.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeKnownRun } from '../report/helpers/known-run.js';

// The worker case runs from dist/ (built by `npm test`'s pretest, or `npx tsc -p tsconfig.json`).

describe('app exportReportOp', () => {
  it('with only a run and an out, writes the default formats from the default saliency folder, reporting each format', async () => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root); // its saliency is at <run>/saliency/grad
    const progress: Progress[] = [];
    const result = await exportReportOp({ runDir, out: path.join(root, 'report') }, { onProgress: (p) => progress.push(p) });
    expect(result).toEqual({ out: path.join(root, 'report'), files: expect.any(Array) });
    expect(result.files).toEqual(expect.arrayContaining(['regions.tsv', 'region_importance.nii.gz', 'saliency.npy', 'provenance.json', 'report.html']));
    expect((await readdir(result.out)).sort()).toEqual([...result.files].sort());
    const n = REPORT_DEFAULTS.formats.length;
    expect(progress.map((p) => [p.phase, p.done, p.total, p.item])).toEqual([
      ...REPORT_DEFAULTS.formats.map((format, i) => ['export', i, n, format]),
      ['export', n, n, REPORT_DEFAULTS.formats[n - 1]],
    ]);
    expect(progress.at(-1)?.etaSeconds).toBe(0);
  });

  it('leaves NIfTI maps out of the default formats when the regions carry no atlas labels, but refuses them when named', async () => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root, { regions: [{ label: null, name: 'a' }, { label: null, name: 'b' }, { label: null, name: 'c' }] });
    const result = await exportReportOp({ runDir, out: path.join(root, 'report') });
    expect(result.files.filter((f) => f.endsWith('.nii.gz'))).toEqual([]);
    expect(result.files).toContain('regions.tsv');
    await expect(exportReportOp({ runDir, out: path.join(root, 'nifti'), formats: ['nifti'] })).rejects.toMatchObject({ code: 'REPORT_NO_ATLAS' });
  });

  it('reads another saliency folder when told, and stops on an aborted signal with Cancelled, writing nothing', async () => {
    const root = await tempDir();
    const { runDir, saliencyDir } = await writeKnownRun(root, { saliencyDir: path.join(root, 'elsewhere', 'ig') });
    // Not told: the default folder is looked in, and named in the error.
    await expect(exportReportOp({ runDir, out: path.join(root, 'default') })).rejects.toMatchObject({ file: path.join(defaultReportSaliencyDir(runDir), 'saliency.json') });
    const controller = new AbortController();
    controller.abort();
    const err = await exportReportOp({ runDir, saliencyDir, out: path.join(root, 'report'), formats: ['tsv'] }, { signal: controller.signal }).catch((e) => e);
    expect(isCancelled(err)).toBe(true);
    expect(await readdir(root)).not.toContain('report');
    expect((await exportReportOp({ runDir, saliencyDir, out: path.join(root, 'report'), formats: ['tsv'] })).files).toContain('regions.tsv');
  });

  it('is what the job worker\'s exportReport runs: same files, progress through the worker', async () => {
    const root = await tempDir();
    const { runDir, saliencyDir } = await writeKnownRun(root);
    const progress: Progress[] = [];
    const args = { runDir, saliencyDir, out: path.join(root, 'report'), formats: ['tsv' as const, 'json' as const] };
    const result = await startJob('exportReport', args, { onProgress: (p) => progress.push(p) }).result;
    expect(result).toEqual({ out: args.out, files: ['regions.tsv', 'region_by_time.tsv', 'provenance.json'] });
    expect(progress.map((p) => [p.phase, p.done, p.total, p.item])).toEqual([['export', 0, 2, 'tsv'], ['export', 1, 2, 'json'], ['export', 2, 2, 'json']]);
  });
});
