import type { IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from './app-origin.js';

/**
 * Whether an IPC call comes from a frame showing the app itself: every handler asks this
 * first, so a page that got into a frame or window (a bug, a navigation that slipped through)
 * cannot reach the service.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame !== undefined && isAppUrl(frame.url);
}
