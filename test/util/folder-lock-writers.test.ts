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
import { tempDir } from '../helpers/temp-tree.js';
import { AAL_REGIONS, writeKnownRun } from '../report/helpers/known-run.js';
import { writeTableStudy } from '../helpers/table-study.js';

const heldHere = (dir: string, operation: string) => `${dir}: lock = "held by this process (pid ${process.pid}, thread 0) for ${operation} since`;

const tableStudy = () => writeTableStudy(4, 6);

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
