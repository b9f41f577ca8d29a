import { stat } from 'node:fs/promises';
import path from 'node:path';
import { BrowserWindow, dialog, ipcMain, type OpenDialogOptions } from 'electron';
import { ApiPayloadError, type ChannelRequest } from '../src/api/index.js';
import { toErrorData } from '../src/service/error-data.js';
import type { ApiResult, Service } from '../src/service/types.js';
import { forbiddenSender } from './envelopes.js';
import { DROP_CHANNEL } from './ipc-names.js';
import { isTrustedSender } from './sender.js';

/** The native open dialog as the service's `pick` (files.pick): the chosen path, or null when cancelled. */
export async function nativePick(request: ChannelRequest<'files.pick'>): Promise<string | null> {
  const options: OpenDialogOptions = {
    ...(request.title ? { title: request.title } : {}),
    properties: [request.kind === 'folder' ? 'openDirectory' : 'openFile'],
  };
  const parent = BrowserWindow.getFocusedWindow();
  const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/**
 * Files dropped on the window (preload `filesFromDrop`). The one place a renderer hands main
 * a path: a drop has no dialog for main to own, so main accepts it only from the app's own
 * frame, only as an absolute path to a file or folder that exists, and answers with a handle,
 * exactly as the dialog does; the renderer never reads a file by that path.
 */
export function setupDrop(service: Service): void {
  ipcMain.handle(DROP_CHANNEL, (event, dropped: unknown) => (isTrustedSender(event) ? handleFor(service, dropped) : forbiddenSender(DROP_CHANNEL)));
}

const REQUEST = `request to ${DROP_CHANNEL}`;

async function handleFor(service: Service, dropped: unknown): Promise<ApiResult> {
  if (typeof dropped !== 'string' || dropped.length === 0 || dropped.length > 4096 || dropped.includes('\0') || !path.isAbsolute(dropped)) {
    const value = typeof dropped === 'string' ? dropped.slice(0, 200) : typeof dropped;
    return payloadError('API_PAYLOAD', value, 'the absolute path of a dropped file or folder');
  }
  let kind: 'file' | 'folder';
  try {
    const found = await stat(dropped);
    if (!found.isFile() && !found.isDirectory()) return payloadError('NOT_FOUND', dropped, 'a file or folder');
    kind = found.isDirectory() ? 'folder' : 'file';
  } catch {
    return payloadError('NOT_FOUND', dropped, 'a file or folder that exists');
  }
  try {
    return { ok: true, value: { handle: service.issueHandle(dropped), path: dropped, kind } };
  } catch (err) {
    return { ok: false, error: toErrorData(err) };
  }
}

function payloadError(code: string, value: unknown, expected: string): ApiResult {
  return { ok: false, error: toErrorData(new ApiPayloadError(code, REQUEST, 'path', value, expected)) };
}
