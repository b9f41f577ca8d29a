import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { ReportError, ReportExportError } from '../../src/report/errors.js';
import { exportReport } from '../../src/report/export.js';
import type { ReportFormat } from '../../src/report/context.js';
import { suiteTempDir, tempDir } from '../helpers/temp-tree.js';
import { AAL_REGIONS, writeKnownRun } from './helpers/known-run.js';

let runDir: string;
beforeAll(async () => {
  // Regions of an imported table: no atlas to load, so each export here is quick.
  runDir = (await writeKnownRun(await suiteTempDir(), { regions: AAL_REGIONS.map((r) => ({ ...r, label: null })) })).runDir;
});

/** Every file under `dir` (relative path → contents), to compare a folder before and after. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  return Object.fromEntries(await Promise.all(files.sort().map(async (f) => [f, await readFile(path.join(dir, f), 'latin1')])));
}

/** An output folder holding an older regions.tsv and an unrelated file. */
async function existingOut(): Promise<{ parent: string; out: string }> {
  const parent = await tempDir();
  const out = path.join(parent, 'report');
  await mkdir(out);
  await writeFile(path.join(out, 'regions.tsv'), 'old table\n');
  await writeFile(path.join(out, 'notes.txt'), 'mine\n');
  return { parent, out };
}

const failing = async () => {
  throw new Error('disk full (injected)');
};

describe('exportReport', () => {
  it('writes each chosen format into out, replacing older files of the same names, and leaves no temp folder', async () => {
    const { parent, out } = await existingOut();
    const result = await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv', 'csv', 'npy', 'json'] });
    expect(result.files).toEqual(['regions.tsv', 'region_by_time.tsv', 'regions.csv', 'region_by_time.csv', 'saliency.npy', 'saliency_index.json', 'provenance.json']);
    expect((await readdir(out)).sort()).toEqual([...result.files, 'notes.txt'].sort());
    expect(await readFile(path.join(out, 'regions.tsv'), 'utf8')).toMatch(/^label\tname\timportance_mean/);
    expect(await readdir(parent)).toEqual(['report']);
  });

  it('leaves out exactly as it was when a writer fails midway, and says which format failed and why', async () => {
    const { parent, out } = await existingOut();
    const before = await snapshot(out);
    const error = await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv', 'npy', 'json'] }, { writers: { npy: failing } }).catch((e) => e);
    expect(error).toBeInstanceOf(ReportExportError);
    expect(error.message).toMatch(/failed while writing npy: disk full \(injected\)/);
    expect(await snapshot(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(['report']);
  });

  it('takes moved files out again and restores replaced ones when a move fails', async () => {
    const { parent, out } = await existingOut();
    const before = await snapshot(out);
    let moves = 0;
    // Moves: old regions.tsv aside (1), new regions.tsv in (2), region_by_time.tsv in (3) fails.
    const move = (from: string, to: string) => (++moves === 3 ? Promise.reject(new Error('EIO (injected)')) : rename(from, to));
    const error = await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv', 'json'] }, { rename: move }).catch((e) => e);
    expect(error).toBeInstanceOf(ReportExportError);
    expect(error.message).toMatch(/moving the files into place: EIO \(injected\)/);
    expect(moves).toBe(3);
    expect(await snapshot(out)).toEqual(before);
    expect(await readdir(parent)).toEqual(['report']);
  });

  it('does not leave a new out folder behind after a failure', async () => {
    const parent = await tempDir();
    const out = path.join(parent, 'new-report');
    await expect(exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv', 'npy'] }, { writers: { npy: failing } })).rejects.toThrow(ReportExportError);
    expect(await readdir(parent)).toEqual([]);
  });

  it('fails with the reason when out cannot be created, writing nothing', async () => {
    const parent = await tempDir();
    await writeFile(path.join(parent, 'a-file'), 'x');
    const error = await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out: path.join(parent, 'a-file', 'report'), formats: ['tsv'] }).catch((e) => e);
    expect(error).toBeInstanceOf(ReportExportError);
    expect(error.message).toMatch(/creating its parent folder: .*a-file exists and is not a folder/);
    expect(await readdir(parent)).toEqual(['a-file']);
  });

  it('refuses unknown or no formats before opening anything', async () => {
    const out = path.join(await tempDir(), 'r');
    for (const formats of [['tsv', 'xls'], []] as ReportFormat[][]) {
      await expect(exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats })).rejects.toThrow(ReportError);
    }
    expect(await stat(out).catch(() => null)).toBeNull();
  });
});
