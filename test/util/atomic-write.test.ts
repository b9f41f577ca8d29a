import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError } from '../../src/errors.js';
import { writeFileAtomic, type WriteChunk } from '../../src/util/atomic-write.js';
import { tempSibling } from '../../src/util/temp-siblings.js';
import { tempDir } from '../helpers/temp-tree.js';
import { mountTmpfs, tmpfsSkipReason } from '../helpers/tmpfs.js';

const DATA = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) % 256);

/** A disk that takes at most `max` bytes per write. */
const takingAtMost = (max: number, onCall: () => void = () => undefined): WriteChunk => async (handle: FileHandle, data: Uint8Array) => {
  onCall();
  return (await handle.write(data, 0, Math.min(max, data.byteLength), null)).bytesWritten;
};

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });

/** The error `promise` rejects with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<OutputError> {
  const result = await promise.then(() => 'resolved', (err) => err);
  expect(result).toBeInstanceOf(OutputError);
  return result as OutputError;
}

describe('writeFileAtomic with short writes injected', () => {
  it('keeps writing after each short write until every byte is on disk', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'out.bin');
    let calls = 0;
    await writeFileAtomic(file, DATA, { write: takingAtMost(3, () => calls++) });
    expect(calls).toBe(Math.ceil(DATA.length / 3));
    expect(new Uint8Array(await readFile(file))).toEqual(DATA);
    expect(await readdir(dir)).toEqual(['out.bin']);
  });

  it('fails with an OutputError and leaves neither the file nor a temp file when a write takes 0 bytes', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'out.bin');
    let calls = 0;
    const stalls: WriteChunk = async (handle, data) => (calls++ === 0 ? takingAtMost(10)(handle, data) : 0);
    const error = await rejection(writeFileAtomic(file, DATA, { write: stalls }));
    expect(error.message).toBe(`${file}: bytes written = "10 of 1000 (the disk took no more)"; expected free space on that disk or choose another --out`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves an existing file as it was when the disk fills midway (ENOSPC after a short write)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'out.bin');
    await writeFile(file, 'old\n');
    let calls = 0;
    const fills: WriteChunk = async (handle, data) => {
      if (calls++ > 0) throw enospc();
      return takingAtMost(5)(handle, data);
    };
    const error = await rejection(writeFileAtomic(file, DATA, { write: fills }));
    expect(error.message).toBe(`${file}: writing = "ENOSPC"; expected free space on that disk or choose another --out`);
    expect(await readFile(file, 'utf8')).toBe('old\n');
    expect(await readdir(dir)).toEqual(['out.bin']);
  });

  it('fails when the file on disk is shorter than the writes reported (size checked before the rename)', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'out.bin');
    const lies: WriteChunk = async (handle, data) => {
      await handle.write(data, 0, data.byteLength / 2, null);
      return data.byteLength;
    };
    const error = await rejection(writeFileAtomic(file, DATA, { write: lies }));
    expect(error.code).toBe('OUTPUT_SIZE');
    expect(error.message).toMatch(new RegExp(`^${file}: size after writing = 500; expected 1000 bytes`));
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writeFileAtomic on real folders', () => {
  it('names the file and EISDIR when a folder stands where the file goes, leaving the folder and no temp file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'regions.tsv');
    await mkdir(path.join(file, 'inside'), { recursive: true });
    const error = await rejection(writeFileAtomic(file, 'a\tb\n'));
    expect(error.message).toBe(`${file}: moving it into place = "EISDIR"; expected a file path, not a folder (remove that folder or choose another --out)`);
    expect(await readdir(dir)).toEqual(['regions.tsv']);
    expect(await readdir(file)).toEqual(['inside']);
  });

  it('removes temp files a killed earlier writer of the same file left, and keeps those of running writers and other files', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'out.bin');
    const child = spawnSync(process.execPath, ['-e', '']);
    const ofPid = (target: string, pid: number) => path.basename(tempSibling(target, 'tmp')).replace(`-${process.pid}-`, `-${pid}-`);
    const dead = ofPid(file, child.pid);
    const running = ofPid(file, process.pid);
    const otherFile = ofPid(path.join(dir, 'other.bin'), child.pid);
    for (const name of [dead, running, otherFile]) await writeFile(path.join(dir, name), 'half');
    await writeFileAtomic(file, DATA);
    expect((await readdir(dir)).sort()).toEqual([otherFile, running, 'out.bin'].sort());
  });
});

const small = mountTmpfs('1m');
const readOnly = mountTmpfs('1m', ['ro']);
afterAll(() => {
  small?.unmount();
  readOnly?.unmount();
});

describe('writeFileAtomic on a real tmpfs', () => {
  it.skipIf(!small)(`a 2 MB file on a 1 MB tmpfs fails with ENOSPC naming the file, leaves no temp file and the earlier file intact${tmpfsSkipReason(small)}`, async () => {
    const file = path.join(small!.dir, 'dataset.f32');
    await writeFile(file, 'earlier\n');
    const error = await rejection(writeFileAtomic(file, new Uint8Array(2 * 1024 * 1024).fill(7)));
    expect(error.message).toBe(`${file}: writing = "ENOSPC"; expected free space on that disk or choose another --out`);
    expect(await readdir(small!.dir)).toEqual(['dataset.f32']);
    expect(await readFile(file, 'utf8')).toBe('earlier\n');
    // The failed temp file's space is free again: a file of 900 KB still fits.
    await writeFileAtomic(file, new Uint8Array(900 * 1024).fill(8));
    expect((await readFile(file)).length).toBe(900 * 1024);
  });

  it.skipIf(!readOnly)(`a read-only tmpfs fails with EROFS naming the file${tmpfsSkipReason(readOnly)}`, async () => {
    const file = path.join(readOnly!.dir, 'regions.tsv');
    const error = await rejection(writeFileAtomic(file, 'a\tb\n'));
    expect(error.message).toBe(`${file}: creating a temp file beside it = "EROFS"; expected a writable file system (this one is mounted read-only; choose another --out)`);
    expect(await readdir(readOnly!.dir)).toEqual([]);
  });
});
