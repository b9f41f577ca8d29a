import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES } from '../../src/api/index.js';
import { fakeService } from './fake-service.js';

const { createService } = vi.hoisted(() => ({ createService: vi.fn() }));
vi.mock('../../src/service/create-service.js', () => ({ createService }));

beforeEach(() => {
  createService.mockReset();
  vi.resetModules();
});

/**
 * Imports main.ts afresh (it runs on import, as Electron runs it) with a fresh mock electron,
 * and waits for its ready steps; answers that mock and main's own launcher and picker.
 */
async function startMain() {
  const electron = await import('./mock-electron.js');
  const { utilityLauncher } = await import('../../electron/jobs/utility-launcher.js');
  const { nativePick } = await import('../../electron/setup-dialogs.js');
  const { openPath } = await import('../../electron/open-path.js');
  const { printReportPdf } = await import('../../electron/pdf-printer.js');
  await import('../../electron/main.js');
  await vi.waitFor(() => expect(electron.recorded.windows.length + electron.dialog.showErrorBox.mock.calls.length).toBeGreaterThan(0));
  return { ...electron, utilityLauncher, nativePick, openPath, printReportPdf };
}

describe('electron/main.ts', () => {
  it('registers the scheme before ready, then makes the service for the Documents workspace and sets up IPC, events, menu and one window', async () => {
    const fake = fakeService();
    createService.mockResolvedValueOnce(fake.service);
    const { app, Menu, protocol, recorded, utilityLauncher, nativePick, openPath, printReportPdf } = await startMain();
    expect(createService.mock.calls).toEqual([[{
      mode: 'electron',
      workspace: '/home/someone/Documents/Saliency Studio',
      roots: ['/home/someone', '/home/someone/Documents', '/home/someone/Documents/Saliency Studio'],
      version: '0.1.0',
      launcher: utilityLauncher,
      pick: nativePick,
      openPath,
      printPdf: printReportPdf,
    }]]);
    expect(protocol.registerSchemesAsPrivileged.mock.invocationCallOrder[0]).toBeLessThan(app.whenReady.mock.invocationCallOrder[0]);
    expect(protocol.handle.mock.invocationCallOrder[0]).toBeLessThan(createService.mock.invocationCallOrder[0]);
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual([...CHANNEL_NAMES, 'files.drop'].sort());
    expect(app.eventNames().sort()).toEqual(['activate', 'before-quit', 'web-contents-created', 'window-all-closed']);
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(recorded.windows.map((w) => w.loaded)).toEqual([['app://renderer/index.html']]);
    fake.emit({ kind: 'workspace.changed' });
    expect(recorded.windows[0].webContents.sent).toEqual([['api:event', { kind: 'workspace.changed' }]]);
  });

  it('shows why and quits when the service cannot start, without opening a window', async () => {
    createService.mockRejectedValueOnce(new Error('/home/someone/Documents/Saliency Studio: not writable'));
    const { app, dialog, recorded } = await startMain();
    expect(dialog.showErrorBox).toHaveBeenCalledWith('Saliency Studio could not start', '/home/someone/Documents/Saliency Studio: not writable');
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(recorded.windows).toEqual([]);
    expect(recorded.ipcHandlers.size).toBe(0);
  });
});
