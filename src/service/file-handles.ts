import { randomBytes } from 'node:crypto';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { fileEntry, fileRoot, folderListing } from '../api/index.js';
import { ServiceInputError } from './errors.js';

export type FileRoot = z.output<typeof fileRoot>;
export type FolderListing = z.output<typeof folderListing>;
type FileEntry = z.output<typeof fileEntry>;
type Kind = 'file' | 'folder';

export interface FileHandlesOptions {
  /** Folders handles may point into (resolved with realpath; missing ones are left out). */
  roots: string[];
  /** Entries one folder listing holds at most (default 2000). */
  maxEntries?: number;
  /** Handles kept at most; the oldest are forgotten beyond it (default 200 000). */
  maxHandles?: number;
}

export interface ResolveOptions {
  /** The request field the handle came in, named by the error (`source`, `atlas.labels`). */
  field?: string;
  /** Refuse a handle to the other kind. */
  kind?: Kind;
}

/**
 * The only way a renderer names a file: opaque handles for paths the main process chose (its
 * dialog, the folder browser). Every resolve re-checks with realpath that the target is still
 * inside a root, so a symlink made later cannot lead out; there is no way to write `..`.
 */
export interface FileHandles {
  /** A handle for `absolutePath` (the same path keeps its handle). `grant`: the path itself becomes allowed (a dialog's pick). */
  issue(absolutePath: string, options?: { grant?: boolean }): string;
  /** The real path behind `handle`, checked to exist inside the roots. */
  resolve(handle: string, options?: ResolveOptions): Promise<string>;
  /** One folder: folders first, then files, by name; dot entries and symlinks out of the roots left out. */
  browse(handle: string): Promise<FolderListing>;
  roots(): Promise<FileRoot[]>;
  /** Makes `folder` the workspace root (always one of the roots). */
  setWorkspace(folder: string): void;
}

/** Creates the handle table over `options.roots` plus the workspace folder. */
export function createFileHandles(workspace: string, options: FileHandlesOptions): FileHandles {
  const maxEntries = options.maxEntries ?? 2000;
  const maxHandles = options.maxHandles ?? 200_000;
  const byHandle = new Map<string, string>();
  const byPath = new Map<string, string>();
  const granted = new Set<string>();
  let workspaceRoot = path.resolve(workspace);

  /** The roots as real paths, the workspace first, duplicates and missing folders left out. */
  const realRoots = async (): Promise<string[]> => {
    const real = await Promise.all([workspaceRoot, ...options.roots].map((r) => realpath(path.resolve(r)).catch(() => null)));
    return [...new Set(real.filter((r): r is string => r !== null))];
  };
  const allowed = async () => [...(await realRoots()), ...(await Promise.all([...granted].map((g) => realpath(g).catch(() => g))))];

  const issue = (absolutePath: string, o: { grant?: boolean } = {}): string => {
    const p = path.resolve(absolutePath);
    if (o.grant) granted.add(p);
    const known = byPath.get(p);
    if (known) return known;
    const handle = `h_${randomBytes(18).toString('base64url')}`;
    if (byHandle.size >= maxHandles) {
      const [oldest, oldPath] = byHandle.entries().next().value as [string, string];
      byHandle.delete(oldest);
      byPath.delete(oldPath);
    }
    byHandle.set(handle, p);
    byPath.set(p, handle);
    return handle;
  };

  const resolve = async (handle: string, o: ResolveOptions = {}): Promise<string> => {
    const field = o.field ?? 'handle';
    const issued = byHandle.get(handle);
    if (issued === undefined) throw new ServiceInputError('FILE_HANDLE', 'file handle', field, handle, 'a handle issued by this app');
    const real = await realpath(issued).catch(() => {
      throw new ServiceInputError('FILE_MISSING', issued, field, handle, 'a file or folder that still exists');
    });
    if (!within(real, await allowed())) {
      throw new ServiceInputError('FILE_OUTSIDE_ROOTS', issued, field, handle, `a file or folder inside ${(await realRoots()).join(', ')} (a link out of them is refused)`);
    }
    if (o.kind) {
      const isFolder = (await stat(real)).isDirectory();
      if (isFolder !== (o.kind === 'folder')) throw new ServiceInputError('FILE_KIND', issued, field, isFolder ? 'a folder' : 'a file', `a ${o.kind}`);
    }
    return real;
  };

  const browse = async (handle: string): Promise<FolderListing> => {
    const folder = await resolve(handle, { kind: 'folder' });
    const roots = await allowed();
    const dirents = (await readdir(folder, { withFileTypes: true })).filter((d) => !d.name.startsWith('.'));
    const entries: FileEntry[] = [];
    for (const d of dirents) {
      const full = path.join(folder, d.name);
      let kind: Kind | null = d.isDirectory() ? 'folder' : d.isFile() ? 'file' : null;
      if (d.isSymbolicLink()) kind = await linkKind(full, roots);
      if (kind) entries.push({ name: d.name, kind, handle: '' });
    }
    entries.sort((a, b) => (a.kind === b.kind ? compareNames(a.name, b.name) : a.kind === 'folder' ? -1 : 1));
    const kept = entries.slice(0, maxEntries).map((e) => ({ ...e, handle: issue(path.join(folder, e.name)) }));
    const atRoot = roots.includes(folder);
    return { handle, path: folder, parent: atRoot ? null : issue(path.dirname(folder)), entries: kept, truncated: entries.length > maxEntries };
  };

  return {
    issue,
    resolve,
    browse,
    async roots() {
      return (await realRoots()).map((r) => ({ handle: issue(r), name: path.basename(r) || r, path: r }));
    },
    setWorkspace(folder) {
      workspaceRoot = path.resolve(folder);
    },
  };
}

/** A symlink's target kind, or null when it is broken, special or leads out of the roots. */
async function linkKind(link: string, roots: string[]): Promise<Kind | null> {
  try {
    const target = await realpath(link);
    if (!within(target, roots)) return null;
    const s = await stat(target);
    return s.isDirectory() ? 'folder' : s.isFile() ? 'file' : null;
  } catch {
    return null;
  }
}

/** Whether `p` is one of `roots` or below one. */
function within(p: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const rel = path.relative(root, p);
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
  });
}

function compareNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);
}
