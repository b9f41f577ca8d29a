import { BrowserWindow } from 'electron';
import { APP_INDEX_URL } from './app-origin.js';
import { preloadPath } from './paths.js';

/**
 * Opens the app's window on app://renderer/index.html with Electron's isolation on: the page
 * runs sandboxed without Node, and reaches the app only through the preload's `window.api`.
 */
export function setupWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Saliency Studio',
    webPreferences: {
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      preload: preloadPath(),
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_INDEX_URL);
  return window;
}
