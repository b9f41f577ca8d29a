import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { main } from '../../src/cli/main.js';
import { LockError } from '../../src/errors.js';
import { exportReport } from '../../src/report/export.js';
import { readSaliencyResult, writeSaliencyResult } from '../../src/saliency/store.js';
import { readDatasetCache } from '../../src/study/cache.js';
import { acquireFolderLock, LOCK_FILE } from '../../src/util/folder-lock.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir, writeTree } from '../helpers/temp-tree.js';
import { AAL_REGIONS, writeKnownRun } from '../report/helpers/known-run.js';

const heldHere = (dir: string, operation: string) => `${dir}: lock = "held by this process (pid ${process.pid}, thread 0) for ${operation} since`;

/** A BIDS tree of region tables: subjects 01–04 × tasks a, b (TR 2 s). */
async function tableStudy(): Promise<string> {
  const root = await tempDir();
  const files: Record<string, string> = { 'task-a_bold.json': '{"RepetitionTime": 2}', 'task-b_bold.json': '{"RepetitionTime": 2}' };
  ['01', '02', '03', '04'].forEach((sub, s) => ['a', 'b'].forEach((task, t) => {
    const rows = Array.from({ length: 6 }, (_, v) => `${Math.sin(s * 7 + t * 3 + v)}\t${Math.cos(s * 5 + t + v)}`);
    files[`sub-${sub}/func/sub-${sub}_task-${task}_timeseries.tsv`] = ['R1\tR2', ...rows].join('\n') + '\n';
  }));
  await writeTree(root, files);
  return root;
}

describe('operations that own a folder hold its lock', () => {
  it('study into a dataset cache folder another writer holds is refused and writes no dataset there', async () => {
    const study = await tableStudy();
    const out = path.join(await tempDir(), 'cache');
    const args = ['study', study, '--window', '3', '--stride', '3', '--split', '0.5,0,0.5', '--out', out];
    const lock = await acquireFolderLock(out, { operation: 'study' });
    const io = captureIO();
    expect(await main(args, io)).toBe(1);
    expect(io.stderr()).toContain(`error: ${heldHere(out, 'study')}`);
    expect((await readdir(out)).filter((n) => n.startsWith('dataset'))).toEqual([]);

    await lock.release();
    expect(await main(args, captureIO())).toBe(0);
    expect((await readDatasetCache(out)).samples.length).toBeGreaterThan(0);
    expect(await readdir(out)).not.toContain(LOCK_FILE);
  });

  it('a saliency result folder being written is refused to a second writer, which leaves nothing there', async () => {
    const known = await writeKnownRun(await tempDir());
    const stored = await readSaliencyResult(known.saliencyDir);
    const out = path.join(await tempDir(), 'grad');
    const lock = await acquireFolderLock(out, { operation: 'saliency' });
    const error = await writeSaliencyResult(out, stored).catch((e) => e);
    expect(error).toBeInstanceOf(LockError);
    expect(error.message).toContain(heldHere(out, 'saliency'));
    expect(await readdir(out)).toEqual([LOCK_FILE]);

    await lock.release();
    await writeSaliencyResult(out, stored);
    expect((await readSaliencyResult(out)).index).toEqual(stored.index);
    expect(await readdir(out)).not.toContain(LOCK_FILE);
  });

  it('a report export into a folder being written is refused before anything is written beside or into it', async () => {
    const { runDir } = await writeKnownRun(await tempDir(), { regions: AAL_REGIONS.map((r) => ({ ...r, label: null })) });
    const parent = await tempDir();
    const out = path.join(parent, 'report');
    await mkdir(out);
    await writeFile(path.join(out, 'notes.txt'), 'mine\n');
    const lock = await acquireFolderLock(out, { operation: 'report' });
    const error = await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv'] }).catch((e) => e);
    expect(error).toBeInstanceOf(LockError);
    expect(error.message).toContain(heldHere(out, 'report'));
    expect((await readdir(out)).sort()).toEqual([LOCK_FILE, 'notes.txt']);
    expect(await readdir(parent)).toEqual(['report']);

    await lock.release();
    const result = await exportReport({ runDir, saliencyDir: defaultReportSaliencyDir(runDir), out, formats: ['tsv'] });
    expect((await readdir(out)).sort()).toEqual([...result.files, 'notes.txt'].sort());
  });
});
