import { app, shell, type WebContents } from 'electron';
import { isAppUrl } from './app-origin.js';
import { safeExternalUrl } from './external-link.js';

/**
 * Locks down every web contents the app creates: no navigation away from app://renderer, no
 * new windows (https links open in the system browser after a check), no <webview>, and every
 * permission (camera, notifications, geolocation…) refused — the app needs none.
 */
export function setupSecurity(): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
}

/** The guards of setupSecurity on one web contents. */
export function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}
