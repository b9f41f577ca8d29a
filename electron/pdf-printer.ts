import { pathToFileURL } from 'node:url';
import { BrowserWindow, type PrintToPDFOptions, type WebContents } from 'electron';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { throwIfCancelled } from '../src/util/cancel.js';

const MM = 1 / 25.4;

/**
 * The page as the CLI prints it (src/report/html/browser.ts, Playwright's page.pdf): A4,
 * backgrounds included, margins 12 mm top and bottom, 10 mm left and right (in inches here).
 */
export const REPORT_PDF_OPTIONS: PrintToPDFOptions = {
  pageSize: 'A4',
  printBackground: true,
  margins: { top: 12 * MM, bottom: 12 * MM, left: 10 * MM, right: 10 * MM },
};

/**
 * Prints a report's self-contained HTML file to `pdfFile` (ServiceOptions.printPdf), written
 * atomically: the file is loaded in a hidden, sandboxed window with no Node, no preload and
 * no JavaScript (the report has no script), that may neither navigate nor open windows; the
 * window is always destroyed. Aborting `signal` destroys it at once and rejects with Cancelled,
 * leaving no PDF.
 */
export async function printReportPdf(htmlFile: string, pdfFile: string, signal: AbortSignal): Promise<void> {
  throwIfCancelled(signal);
  const window = new BrowserWindow({
    show: false,
    // The CLI's viewport, so the layout that is printed is the same.
    width: 1100,
    height: 1400,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true, spellcheck: false, navigateOnDragDrop: false },
  });
  lockDown(window.webContents);
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      window.destroy();
      try {
        throwIfCancelled(signal);
      } catch (err) {
        reject(err);
      }
    };
  });
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const printing = window.loadURL(pathToFileURL(htmlFile).href).then(() => window.webContents.printToPDF(REPORT_PDF_OPTIONS));
    // After an abort the destroyed window fails the load or the print; that failure is not the answer.
    printing.catch(() => undefined);
    const pdf = await Promise.race([printing, aborted]);
    throwIfCancelled(signal);
    await writeFileAtomic(pdfFile, pdf);
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!window.isDestroyed()) window.destroy();
  }
}

/** The print window goes nowhere: a link or a redirect is refused, and so is window.open. */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
