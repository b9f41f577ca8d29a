// Electron's main process: a list of small setup steps, one concern per file.
import path from 'node:path';
import { app, dialog } from 'electron';
import { createService } from '../src/service/create-service.js';
import { utilityLauncher } from './jobs/utility-launcher.js';
import { openPath } from './open-path.js';
import { printReportPdf } from './pdf-printer.js';
import { nativePick, setupDrop } from './setup-dialogs.js';
import { setupEvents } from './setup-events.js';
import { setupIpc } from './setup-ipc.js';
import { setupLifecycle } from './setup-lifecycle.js';
import { setupMenu } from './setup-menu.js';
import { setupProtocol } from './setup-protocol.js';
import { setupSecurity } from './setup-security.js';
import { setupWindow } from './setup-window.js';

setupSecurity();
setupProtocol();

app.whenReady().then(async () => {
  const documents = app.getPath('documents');
  const workspace = path.join(documents, 'Saliency Studio');
  const service = await createService({
    mode: 'electron',
    workspace,
    roots: [app.getPath('home'), documents, workspace],
    version: app.getVersion(),
    launcher: utilityLauncher,
    pick: nativePick,
    openPath,
    printPdf: printReportPdf,
  });
  setupIpc(service);
  setupDrop(service);
  setupEvents(service);
  setupLifecycle(service, setupWindow);
  setupMenu();
  setupWindow();
}).catch((err: unknown) => {
  dialog.showErrorBox('Saliency Studio could not start', err instanceof Error ? err.message : String(err));
  app.quit();
});
