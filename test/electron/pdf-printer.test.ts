import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { printReportPdf } from '../../electron/pdf-printer.js';
import { Cancelled } from '../../src/util/cancel.js';
import { BrowserWindow, FakeWebContents, recorded, reset } from './mock-electron.js';

let dir: string;
let html: string;
let pdf: string;
beforeEach(async () => {
  reset();
  dir = await mkdtemp(path.join(tmpdir(), 'pdf-printer-'));
  html = path.join(dir, 'report.html');
  pdf = path.join(dir, 'report.pdf');
  await writeFile(html, '<!doctype html><title>Report</title><h1>Saliency</h1>');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n');

/** A promise that never settles: a load or a print still under way. */
const pending = () => new Promise<never>(() => {});

describe('printReportPdf', () => {
  it('loads the HTML file in one hidden window, prints it to A4 with backgrounds and the CLI\'s margins, and writes the PDF', async () => {
    const print = vi.spyOn(FakeWebContents.prototype, 'printToPDF').mockResolvedValue(PDF_BYTES);
    await printReportPdf(html, pdf, new AbortController().signal);
    expect(recorded.windows).toHaveLength(1);
    const [window] = recorded.windows;
    expect(window.loaded).toEqual([pathToFileURL(html).href]);
    expect(print).toHaveBeenCalledTimes(1);
    const options = print.mock.calls[0][0] as { pageSize: string; printBackground: boolean; margins: Record<string, number> };
    expect(options.pageSize).toBe('A4');
    expect(options.printBackground).toBe(true);
    // 12 mm and 10 mm in inches, as Electron takes them.
    expect(options.margins.top).toBeCloseTo(0.47244, 5);
    expect(options.margins.bottom).toBeCloseTo(0.47244, 5);
    expect(options.margins.left).toBeCloseTo(0.3937, 4);
    expect(options.margins.right).toBeCloseTo(0.3937, 4);
    expect((await readFile(pdf)).equals(PDF_BYTES)).toBe(true);
    expect(window.isDestroyed()).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.pdf']);
  });

  it('locks the window down: hidden, sandboxed, isolated, no Node, no preload, no JavaScript', async () => {
    await printReportPdf(html, pdf, new AbortController().signal);
    const options = recorded.windows[0].options as { show: boolean; webPreferences: Record<string, unknown> };
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true });
    expect(options.webPreferences.preload).toBeUndefined();
  });

  it('refuses every navigation, window.open and <webview> from the print window', async () => {
    await printReportPdf(html, pdf, new AbortController().signal);
    const contents = recorded.windows[0].webContents;
    for (const url of ['https://example.org/', 'file:///etc/passwd', pathToFileURL(html).href]) {
      let prevented = false;
      contents.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
      expect(prevented, url).toBe(true);
    }
    expect(contents.windowOpenHandler!({ url: 'https://example.org/', frameName: '', features: '', disposition: 'new-window' })).toEqual({ action: 'deny' });
    let webview = false;
    contents.emit('will-attach-webview', { preventDefault: () => (webview = true) }, {}, {});
    expect(webview).toBe(true);
  });

  it('on abort while loading destroys the window and rejects with Cancelled, without printing or writing', async () => {
    vi.spyOn(BrowserWindow.prototype, 'loadURL').mockImplementation(pending);
    const print = vi.spyOn(FakeWebContents.prototype, 'printToPDF');
    const controller = new AbortController();
    const printing = printReportPdf(html, pdf, controller.signal);
    await vi.waitFor(() => expect(recorded.windows).toHaveLength(1));
    expect(recorded.windows[0].isDestroyed()).toBe(false);
    controller.abort();
    await expect(printing).rejects.toBeInstanceOf(Cancelled);
    expect(recorded.windows[0].isDestroyed()).toBe(true);
    expect(print).not.toHaveBeenCalled();
    expect(await readdir(dir)).toEqual(['report.html']);
  });

  it('on abort while printing rejects with the signal\'s own Cancelled and leaves an earlier PDF as it was', async () => {
    await writeFile(pdf, 'the previous export');
    const print = vi.spyOn(FakeWebContents.prototype, 'printToPDF').mockImplementation(pending);
    const controller = new AbortController();
    const printing = printReportPdf(html, pdf, controller.signal);
    await vi.waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    const reason = new Cancelled('export cancelled');
    controller.abort(reason);
    await expect(printing).rejects.toBe(reason);
    expect(recorded.windows[0].isDestroyed()).toBe(true);
    expect(await readFile(pdf, 'utf8')).toBe('the previous export');
    expect((await readdir(dir)).sort()).toEqual(['report.html', 'report.pdf']);
  });

  it('with a signal already aborted rejects with Cancelled and opens no window', async () => {
    await expect(printReportPdf(html, pdf, AbortSignal.abort())).rejects.toBeInstanceOf(Cancelled);
    expect(recorded.windows).toEqual([]);
  });

  it('passes a failed load on and still destroys the window', async () => {
    vi.spyOn(BrowserWindow.prototype, 'loadURL').mockRejectedValue(new Error("ERR_FILE_NOT_FOUND (-6) loading 'file:///gone.html'"));
    await expect(printReportPdf(html, pdf, new AbortController().signal)).rejects.toThrow(/ERR_FILE_NOT_FOUND/);
    expect(recorded.windows[0].isDestroyed()).toBe(true);
    expect(await readdir(dir)).toEqual(['report.html']);
  });
});
