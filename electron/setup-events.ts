import { BrowserWindow } from 'electron';
import type { Service } from '../src/service/types.js';
import { isAppUrl } from './app-origin.js';
import { EVENT_CHANNEL } from './ipc-names.js';

/**
 * Streams every service event (job progress, training epochs, workspace changes) to each
 * window that shows the app itself; returns the unsubscribe.
 */
export function setupEvents(service: Service): () => void {
  return service.onEvent((event) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (!window.isDestroyed() && !contents.isDestroyed() && isAppUrl(contents.getURL())) contents.send(EVENT_CHANNEL, event);
    }
  });
}
