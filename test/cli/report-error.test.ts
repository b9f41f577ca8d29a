import { open, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/main.js';
import { ReportExportError } from '../../src/report/errors.js';
import { outputError } from '../../src/util/fs-errors.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir } from '../helpers/temp-tree.js';

/** The error a real system call rejects with. */
const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable('the call succeeded'), (err: NodeJS.ErrnoException) => err);

describe('reportError at the top of the CLI', () => {
  it('prints a system error that no caller named as one line with its file, its code and what to do, exit 1', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'regions.tsv'), 'a file, not a folder\n');
    const err = await failure(open(path.join(dir, 'regions.tsv', 'out.tsv'), 'w'));
    const io = captureIO();
    expect(reportError(err, false, io)).toBe(1);
    expect(io.stderr()).toBe(`error: ${path.join(dir, 'regions.tsv', 'out.tsv')}: open = "ENOTDIR"; expected a path whose parent folders are folders, not files (choose another --out)\n`);
  });

  it('names the link of a symbolic-link loop', async () => {
    const dir = await tempDir();
    await symlink(path.join(dir, 'b'), path.join(dir, 'a'));
    await symlink(path.join(dir, 'a'), path.join(dir, 'b'));
    const io = captureIO();
    expect(reportError(await failure(open(path.join(dir, 'a'))), false, io)).toBe(1);
    expect(io.stderr()).toBe(`error: ${path.join(dir, 'a')}: open = "ELOOP"; expected a path without a symbolic-link loop\n`);
  });

  it('prints a failed export caused by a full disk as its one line, exit 1, not as an internal error', async () => {
    const cause = outputError(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' }), '/out/.report.partial-x/report.html', 'writing');
    const io = captureIO();
    expect(reportError(new ReportExportError('/out/report', 'writing html', cause), false, io)).toBe(1);
    expect(io.stderr()).toBe('error: report export to /out/report failed while writing html: /out/.report.partial-x/report.html: writing = "ENOSPC"; expected free space on that disk or choose another --out; nothing was written there (the folder is as it was)\n');
  });

  it('keeps "internal error" and exit 70 for a bug, also when a bug is wrapped', () => {
    const io = captureIO();
    expect(reportError(new TypeError("Cannot read properties of undefined (reading 'length')"), false, io)).toBe(70);
    expect(reportError(new ReportExportError('/out/report', 'writing html', new TypeError('x is not a function')), false, io)).toBe(70);
    expect(io.stderr().split('\n').filter(Boolean).map((l) => l.slice(0, 15))).toEqual(['internal error:', 'internal error:']);
  });
});
