import { stat } from 'node:fs/promises';
import { UsageError } from '../errors.js';

/**
 * Refuses, before any work is done, an output-file option that names a folder (an existing
 * one, or a path ending in a separator), which would otherwise fail only at the final write.
 */
export async function checkOutFile(command: string, option: string, file: string): Promise<void> {
  const s = await stat(file).catch(() => null);
  if (s?.isDirectory() || /[\\/]$/.test(file)) {
    throw new UsageError('CLI_ARGS', command, `--${option}`, file, 'a file path (this is a folder)');
  }
}
