import { app, BrowserWindow } from 'electron';
import type { Service } from '../src/service/types.js';

/**
 * Quits when the last window closes (macOS keeps the app, reopening a window on activate), and
 * closes the service before quitting, so a running job is cancelled and stops at a checkpoint
 * rather than being cut off.
 */
export function setupLifecycle(service: Service, openWindow: () => unknown): void {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
  let closing: Promise<void> | null = null;
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closing ??= service.close().catch((err: unknown) => console.error(`Saliency Studio: closing the service failed: ${String(err)}`)).then(() => {
      closed = true;
      app.quit();
    });
  });
}
