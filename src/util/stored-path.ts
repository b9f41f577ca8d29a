import path from 'node:path';

/**
 * How a path is written into a stored file: relative to the folder holding that file, with `/`
 * separators, so moving or copying the folders together (a workspace, a project) keeps it valid.
 */
export function storedPath(from: string, target: string): string {
  return path.relative(path.resolve(from), path.resolve(target)).split(path.sep).join('/') || '.';
}

/** A stored path read back: a relative one against the folder holding the file; an absolute one (older files) as it is. */
export function resolveStoredPath(from: string, stored: string): string {
  return path.resolve(from, stored);
}
