import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { NotAvailableError, ServiceInputError } from '../errors.js';
import type { Handlers } from '../context.js';
import type { FileHandles } from '../file-handles.js';

/** A file name inside a folder, as files.open and the /files route take it: no separator, no leading dot. */
export const FOLDER_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** The name the browser-mode URL of a folder ends with (the folder's listing, unless it holds a file of that name). */
export const FOLDER_INDEX = 'index';

/** What a folder handle and a file name in it lead to. */
export type FolderFile = { kind: 'file'; path: string } | { kind: 'folder'; path: string; files: string[] };

/**
 * The folder behind `handle` (checked inside the roots), or the file `name` directly inside
 * it: a name with a separator, or a link that leads out of the folder, is refused. Without a
 * name, or with FOLDER_INDEX where no such file is, the folder and its plain files.
 */
export async function resolveFolderFile(files: FileHandles, handle: string, name?: string): Promise<FolderFile> {
  const folder = await files.resolve(handle, { field: 'folder', kind: 'folder' });
  if (name !== undefined && !FOLDER_FILE_NAME.test(name)) throw new ServiceInputError('FILE_NAME', folder, 'file', name, 'a file name inside the folder');
  const listing = async (): Promise<FolderFile> => {
    const entries = await readdir(folder, { withFileTypes: true });
    return { kind: 'folder', path: folder, files: entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort() };
  };
  if (name === undefined) return listing();
  const joined = path.join(folder, name);
  const real = await realpath(joined).catch(() => null);
  if (real === null) {
    if (name === FOLDER_INDEX) return listing();
    throw new ServiceInputError('FILE_MISSING', joined, 'file', name, 'a file inside the folder');
  }
  if (path.dirname(real) !== folder) throw new ServiceInputError('FILE_OUTSIDE_ROOTS', joined, 'file', name, `a file directly inside ${folder} (a link out of it is refused)`);
  if (!(await stat(real)).isFile()) throw new ServiceInputError('FILE_KIND', joined, 'file', 'a folder', 'a file');
  return { kind: 'file', path: real };
}

/** The folder browser (browser mode), the native dialog (Electron) and opening what the app wrote. */
export const fileHandlers: Handlers<'files.roots' | 'files.browse' | 'files.pick' | 'files.open'> = {
  'files.roots': async (_request, ctx) => ({ roots: await ctx.files.roots() }),
  'files.browse': async ({ handle }, ctx) => ctx.files.browse(handle),
  'files.pick': async (request, ctx) => {
    const { pick } = ctx.options;
    if (!pick) throw new NotAvailableError('the native dialog exists only in the desktop app; use the folder browser');
    const picked = await pick(request);
    if (picked === null) return { handle: null, path: null };
    return { handle: ctx.files.issue(picked, { grant: true }), path: path.resolve(picked) };
  },
  'files.open': async ({ folder, file }, ctx) => {
    const target = await resolveFolderFile(ctx.files, folder, file);
    if (ctx.options.openPath) {
      await ctx.options.openPath(target.path);
      return { opened: true, url: null };
    }
    // Browser mode: the page opens the server's sandboxed /files route (src/server/file-routes.ts) itself.
    return { opened: false, url: `/files/${folder}/${file ?? FOLDER_INDEX}` };
  },
};
