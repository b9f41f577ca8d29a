import { InputError, OutputError } from '../errors.js';

/** What the user can do about each system error met while writing an output. */
const HINTS: Record<string, string> = {
  ENOSPC: 'free space on that disk or choose another --out',
  EDQUOT: 'free space within your disk quota or choose another --out',
  EFBIG: 'a file system that allows files this large (choose another --out)',
  EACCES: 'a folder you may write to (check its permissions or choose another --out)',
  EPERM: 'a folder you may write to (check its permissions or choose another --out)',
  EROFS: 'a writable file system (this one is mounted read-only; choose another --out)',
  EISDIR: 'a file path, not a folder (remove that folder or choose another --out)',
  ENOTDIR: 'a path whose parent folders are folders, not files (choose another --out)',
  EEXIST: 'a path whose parent folders are folders, not files (choose another --out)',
  ENOENT: 'a path whose folders exist (one was removed while writing, or the path is wrong)',
  ENAMETOOLONG: 'a shorter path or file name',
  ELOOP: 'a path without a symbolic-link loop',
  EMFILE: 'fewer open files (raise the limit with `ulimit -n`, then run again)',
  ENFILE: 'fewer open files on the system (close other programs, then run again)',
  EBUSY: 'a file no other program holds (close it, then run again)',
  ETXTBSY: 'a file no other program holds (close it, then run again)',
  EIO: 'a working disk (check the device, or choose another --out)',
};
/** What to do when the disk took fewer bytes than given without saying why (in practice: it is full). */
export const SHORT_WRITE_HINT = HINTS.ENOSPC;
const FALLBACK_HINT = 'a location you may write to (choose another --out)';

/** Whether `err` is an error of a system call (errno `code` and `syscall`), not a bug of ours. */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  if (!(err instanceof Error)) return false;
  const { code, syscall, path } = err as NodeJS.ErrnoException;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) && (typeof syscall === 'string' || typeof path === 'string');
}

/**
 * A system error met while `doing` something (e.g. "writing") to output `file`, as one
 * OutputError line: the file, the errno code and what to do. InputErrors and anything that is
 * not a system error (a bug) are returned unchanged.
 */
export function outputError(err: unknown, file: string, doing: string): unknown {
  if (err instanceof InputError || !isSystemError(err)) return err;
  const code = err.code as string;
  const output = new OutputError(`OUTPUT_${code}`, file, doing, code, HINTS[code] ?? FALLBACK_HINT);
  output.cause = err;
  return output;
}

/** A system error that reached the top with no caller naming the output: its own path and call. */
export function systemErrorLine(err: NodeJS.ErrnoException): OutputError {
  const file = err.path ?? (err as { dest?: string }).dest ?? `(no file named by ${err.syscall})`;
  return outputError(err, file, err.syscall ?? 'system call') as OutputError;
}
