import { shell } from 'electron';
import { InputError } from '../src/errors.js';

/** The system could not open a file or folder (no app for its type, gone, no permission…). */
export class OpenPathError extends InputError {}

/**
 * Opens `absolutePath` with the desktop's default app (ServiceOptions.openPath). Electron's
 * shell.openPath resolves to an error string rather than rejecting; here that becomes an
 * OpenPathError naming the path and the system's message.
 */
export async function openPath(absolutePath: string): Promise<void> {
  const error = await shell.openPath(absolutePath);
  if (error !== '') throw new OpenPathError('OPEN_FAILED', absolutePath, 'opening with the system', error, 'a file or folder the desktop can open with an installed app');
}
