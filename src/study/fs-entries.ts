import type { Dirent } from 'node:fs';
import { lstat, readdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudyError } from '../errors.js';

/** What a folder entry is once symbolic links are followed. */
export type EntryKind = 'folder' | 'file' | 'other';

/** Injectable for tests: a failure that even root meets (EACCES is not one) is hard to stage otherwise. */
export type ReadFolder = (dir: string) => Promise<Dirent[]>;

const defaultReadFolder: ReadFolder = (dir) => readdir(dir, { withFileTypes: true });

/**
 * Entries of a folder inside a study. A folder that does not exist has none (a level of the
 * hierarchy may be absent); anything else that stops the listing (a file or a dangling link
 * where a folder is expected, no permission) is a StudyError naming the folder, so its runs
 * never silently vanish.
 */
export async function listFolder(dir: string, read: ReadFolder = defaultReadFolder): Promise<Dirent[]> {
  try {
    return await read(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !(await isLink(dir))) return [];
    if (code === 'ENOENT' || code === 'ELOOP') throw await linkError(dir, code, 'a folder');
    if (code === 'ENOTDIR') throw new StudyError('STUDY_UNREADABLE', dir, 'folder', 'a file', 'a folder (a file stands where the study layout needs a folder)');
    throw new StudyError('STUDY_UNREADABLE', dir, 'folder', code ?? String(err), 'a readable folder (check its permissions)');
  }
}

/** Kind of `entry` in `dir`, following a symbolic link; a dangling or looping link is an error naming it. */
export async function entryKind(dir: string, entry: Dirent): Promise<EntryKind> {
  if (entry.isDirectory()) return 'folder';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return 'other';
  const at = path.join(dir, entry.name);
  const target = await stat(at).catch(async (err: NodeJS.ErrnoException) => {
    throw err.code === 'ENOENT' || err.code === 'ELOOP' ? await linkError(at, err.code, 'a folder or file') : err;
  });
  return target.isDirectory() ? 'folder' : target.isFile() ? 'file' : 'other';
}

/**
 * The real path of a data file (symbolic links resolved). A missing file, a dangling link,
 * a link loop or something that is not a regular file is a one-line StudyError naming `file`;
 * `source` and `field` say where it was listed (a manifest line, the BIDS folder).
 */
export async function realFile(file: string, source: string, field: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !(await isLink(file))) throw new StudyError('STUDY_FILE_MISSING', source, field, file, 'an existing file');
    if (code === 'ENOENT' || code === 'ELOOP') throw await linkError(file, code, 'a file');
    throw err;
  }
  if (!(await stat(real)).isFile()) throw new StudyError('STUDY_NOT_A_FILE', source, field, file, 'a regular file, not a folder or device');
  return real;
}

async function isLink(p: string): Promise<boolean> {
  return lstat(p).then((s) => s.isSymbolicLink(), () => false);
}

async function linkError(at: string, code: 'ENOENT' | 'ELOOP', wanted: string): Promise<StudyError> {
  const target = await readlink(at).catch(() => '?');
  return code === 'ELOOP'
    ? new StudyError('STUDY_LINK_LOOP', at, 'symbolic link', target, `a link to ${wanted} (this is a symbolic-link loop)`)
    : new StudyError('STUDY_DANGLING_LINK', at, 'symbolic link', target, `a link to ${wanted} that exists (this is a dangling symbolic link to ${target})`);
}
