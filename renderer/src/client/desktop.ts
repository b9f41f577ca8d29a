/** What only the desktop app offers, feature-detected on `window.api`: dropped files and menu commands. */
import { z } from 'zod';
import { ApiCallError, apiErrorSchema, handle, type DroppedFile } from '../../../src/api/index.js';
import { toCallError } from './call-error.js';

const dropAnswer = z.discriminatedUnion('ok', [
  z.strictObject({ ok: z.literal(true), value: z.strictObject({ handle, path: z.string(), kind: z.enum(['file', 'folder']) }) }),
  z.strictObject({ ok: z.literal(false), error: apiErrorSchema }),
]);

/** Whether dropped files can be opened: only Electron's preload can name a dropped file. */
export function canDropFiles(): boolean {
  return typeof window.api?.filesFromDrop === 'function';
}

/** A handle for a file or folder dropped on the window (Electron only). */
export async function handleFromDrop(file: File): Promise<DroppedFile> {
  const api = window.api;
  if (!api?.filesFromDrop) throw new ApiCallError({ name: 'Error', code: 'NO_DROP', message: 'Dropping files works in the desktop app only; use "Open my data".' });
  let answer: unknown;
  try {
    answer = await api.filesFromDrop(file);
  } catch (error) {
    throw toCallError(error);
  }
  const parsed = dropAnswer.safeParse(answer);
  if (!parsed.success) throw new ApiCallError({ name: 'ApiPayloadError', code: 'API_RESPONSE', message: 'The answer to a drop is not { ok, value: { handle, path, kind } }' });
  if (!parsed.data.ok) throw new ApiCallError(parsed.data.error);
  return parsed.data.value;
}

/** Subscribes to the application menu's commands (Electron only; elsewhere nothing happens). */
export function onMenuCommand(listener: (command: string) => void): () => void {
  return window.api?.onMenuCommand ? window.api.onMenuCommand(listener) : () => {};
}
