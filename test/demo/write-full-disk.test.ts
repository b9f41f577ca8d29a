import { spawnSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemoStudy } from '../../src/demo/index.js';
import { OutputError } from '../../src/errors.js';
import { tempSibling } from '../../src/util/temp-siblings.js';
import { mountTmpfs, tmpfsSkipReason } from '../helpers/tmpfs.js';

// Room for the study's text files, not for its first image (hundreds of KB).
const disk = mountTmpfs('64k');
afterAll(() => disk?.unmount());

describe('writeDemoStudy on a full disk', () => {
  it.skipIf(!disk)(`fails with ENOSPC naming the file, and leaves no study, no staging folder, and no staging folder of an earlier killed run${tmpfsSkipReason(disk)}`, async () => {
    const target = path.join(disk!.dir, 'study');
    // What a run killed midway leaves: its staging folder, named with its (now dead) pid.
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    const stale = path.basename(tempSibling(target, 'partial')).replace(`-${process.pid}-`, `-${deadPid}-`);
    await mkdir(path.join(disk!.dir, stale, 'sub-01'), { recursive: true });
    await writeFile(path.join(disk!.dir, stale, 'README.md'), 'half');

    const error = await writeDemoStudy(target).then(() => 'resolved', (err) => err);
    expect(error).toBeInstanceOf(OutputError);
    expect(error.message).toMatch(/\/sub-01\/func\/sub-01_task-\w+_bold\.nii\.gz: writing = "ENOSPC"; expected free space on that disk or choose another --out$/);
    expect(await readdir(disk!.dir)).toEqual([]);
  }, 60_000);
});
