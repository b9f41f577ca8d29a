import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nativePick } from '../../electron/setup-dialogs.js';
import { setupLifecycle } from '../../electron/setup-lifecycle.js';
import { menuTemplate, setupMenu } from '../../electron/setup-menu.js';
import { fakeService } from './fake-service.js';
import { app, BrowserWindow, dialog, Menu, recorded, reset } from './mock-electron.js';

beforeEach(reset);

type Item = { label?: string; role?: string; type?: string; submenu?: Item[]; click?: () => void };
const labels = (items: Item[]) => items.map((i) => i.label ?? i.role ?? i.type);

describe('nativePick', () => {
  it('opens the native dialog for a folder or a file, on the focused window, and answers the first path', async () => {
    const window = new BrowserWindow();
    expect(await nativePick({ kind: 'folder', title: 'Open a study' })).toBe('/home/someone/study');
    expect(dialog.showOpenDialog).toHaveBeenLastCalledWith(window, { title: 'Open a study', properties: ['openDirectory'] });
    await nativePick({ kind: 'file' });
    expect(dialog.showOpenDialog).toHaveBeenLastCalledWith(window, { properties: ['openFile'] });
  });

  it('answers null when the user cancels', async () => {
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await nativePick({ kind: 'folder' })).toBeNull();
  });
});

describe('the application menu', () => {
  it('has File (Open study…, Quit) and Help (About); View with reload and devtools only when not packaged', () => {
    const packaged = menuTemplate(true, 'linux') as Item[];
    expect(labels(packaged)).toEqual(['File', 'Help']);
    expect(labels(packaged[0].submenu!)).toEqual(['Open study…', 'separator', 'quit']);
    expect(labels(packaged[1].submenu!)).toEqual(['About Saliency Studio']);
    const dev = menuTemplate(false, 'linux') as Item[];
    expect(labels(dev)).toEqual(['File', 'View', 'Help']);
    expect(labels(dev[1].submenu!)).toEqual(['reload', 'toggleDevTools']);
    expect(labels(menuTemplate(true, 'darwin') as Item[])).toEqual(['appMenu', 'File', 'Help']);
  });

  it('Open study… asks the window showing the app to open a study; About shows the about panel', () => {
    setupMenu();
    const template = (Menu.setApplicationMenu.mock.calls[0][0] as { template: Item[] }).template;
    const window = new BrowserWindow();
    void window.loadURL('app://renderer/index.html');
    template[0].submenu![0].click!();
    expect(window.webContents.sent).toEqual([['menu:command', 'open-study']]);
    template.at(-1)!.submenu![0].click!();
    expect(app.showAboutPanel).toHaveBeenCalledTimes(1);
  });
});

describe('setupLifecycle', () => {
  it('closes the service once before quitting, then quits', async () => {
    const { service, closed } = fakeService();
    setupLifecycle(service, vi.fn());
    const prevented: boolean[] = [];
    const quit = () => {
      const event = { preventDefault: () => prevented.push(true) };
      app.emit('before-quit', event);
    };
    quit();
    quit();
    expect(prevented).toEqual([true, true]);
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(closed()).toBe(1);
    quit(); // the quit that app.quit() starts goes through
    expect(prevented).toHaveLength(2);
  });

  it('quits when the last window closes (not on macOS), and reopens a window on activate when none is left', () => {
    const openWindow = vi.fn();
    setupLifecycle(fakeService().service, openWindow);
    app.emit('window-all-closed');
    expect(app.quit).toHaveBeenCalledTimes(process.platform === 'darwin' ? 0 : 1);
    app.emit('activate', {}, false);
    expect(openWindow).toHaveBeenCalledTimes(1);
    new BrowserWindow();
    app.emit('activate', {}, true);
    expect(openWindow).toHaveBeenCalledTimes(1);
    expect(recorded.windows).toHaveLength(1);
  });
});
