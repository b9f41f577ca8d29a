import { app, BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../src/api/index.js';
import { isAppUrl } from './app-origin.js';
import { MENU_CHANNEL } from './ipc-names.js';

/**
 * The application menu: File (Open study…, Quit), View (reload and developer tools only in
 * an unpackaged build) and Help (About). "Open study…" asks the renderer to run its own open
 * flow (preload `onMenuCommand`), so the study screen stays the one place that opens a study.
 */
export function setupMenu(): void {
  app.setAboutPanelOptions({ applicationName: 'Saliency Studio', applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(app.isPackaged, process.platform)));
}

/** The menu's template; a function of the build and the platform so that both can be tested. */
export function menuTemplate(packaged: boolean, platform: NodeJS.Platform): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions[] = packaged ? [] : [{ role: 'reload' }, { role: 'toggleDevTools' }];
  return [
    ...(platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open study…', accelerator: 'CmdOrCtrl+O', click: () => sendCommand('open-study') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    ...(view.length > 0 ? [{ label: 'View', submenu: view }] : []),
    { label: 'Help', submenu: [{ label: 'About Saliency Studio', click: () => app.showAboutPanel() }] },
  ];
}

function sendCommand(command: MenuCommand): void {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (window && !window.isDestroyed() && isAppUrl(window.webContents.getURL())) window.webContents.send(MENU_CHANNEL, command);
}
