import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { OutputError } from '../errors.js';
import { outputError, SHORT_WRITE_HINT } from './fs-errors.js';
import { removeStaleSiblings, tempSibling } from './temp-siblings.js';

/**
 * One low-level write of `data` at the file's current offset; resolves to how many bytes the
 * disk took, which may be fewer (a short write). Tests pass their own to simulate short writes.
 */
export type WriteChunk = (handle: FileHandle, data: Uint8Array) => Promise<number>;

const writeChunk: WriteChunk = async (handle, data) => (await handle.write(data, 0, data.byteLength, null)).bytesWritten;

export interface AtomicWriteOptions {
  /** The low-level write (default: one `write(2)` through the file handle). */
  write?: WriteChunk;
}

/**
 * Writes a whole file atomically, creating its folder if needed: the bytes go to a new temp
 * file beside it (`.<name>.tmp-…`, looping over short writes), are synced and their size
 * checked, and only then is the temp file renamed over `file`. On any failure the temp file is
 * removed and an existing `file` is left as it was; system errors (full disk, no permission,
 * read-only…) become an OutputError naming `file`. Temp files that a killed earlier writer of
 * `file` left behind are removed first.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const target = path.resolve(file);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  await mkdir(path.dirname(target), { recursive: true }).catch((err) => {
    throw outputError(err, target, 'creating its folder');
  });
  await removeStaleSiblings(target, 'tmp');
  const temp = tempSibling(target, 'tmp');
  // A replaced file keeps its permissions, as it would when overwritten in place.
  const mode = await stat(target).then((s) => (s.isFile() ? s.mode & 0o7777 : undefined), () => undefined);
  let handle: FileHandle | undefined;
  let doing = 'creating a temp file beside it';
  try {
    handle = await open(temp, 'wx');
    if (mode !== undefined) await handle.chmod(mode);
    doing = 'writing';
    await writeAll(handle, bytes, target, options.write);
    doing = 'syncing it to disk';
    await handle.sync();
    const { size } = await handle.stat();
    if (size !== bytes.byteLength) throw new OutputError('OUTPUT_SIZE', target, 'size after writing', size, `${bytes.byteLength} bytes as written (${SHORT_WRITE_HINT})`);
    await handle.close();
    handle = undefined;
    doing = 'moving it into place';
    await rename(temp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw outputError(err, target, doing);
  }
  await syncFolder(path.dirname(target));
}

/**
 * Writes every byte of `data` through `handle` at its current offset, continuing after short
 * writes; a write that takes no byte, or a system error, throws an OutputError naming `file`.
 */
export async function writeAll(handle: FileHandle, data: Uint8Array, file: string, write: WriteChunk = writeChunk): Promise<void> {
  let done = 0;
  while (done < data.byteLength) {
    const n = await write(handle, data.subarray(done)).catch((err) => {
      throw outputError(err, file, 'writing');
    });
    if (!(n > 0)) throw new OutputError('OUTPUT_SHORT', file, 'bytes written', `${done} of ${data.byteLength} (the disk took no more)`, SHORT_WRITE_HINT);
    done += n;
  }
}

/** Makes the rename itself durable; best effort, as some systems cannot sync a folder. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => null);
  await handle?.sync().catch(() => undefined);
  await handle?.close().catch(() => undefined);
}
