import path from 'node:path';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { ReportContext } from '../context.js';
import { printPdf } from './browser.js';
import { reportHtml } from './document.js';
import { loadTemplate } from './slices/template.js';

export { findChromium, requireChromium, ChromiumMissingError } from './chromium.js';
export { reportHtml } from './document.js';

export const REPORT_HTML = 'report.html';
export const REPORT_PDF = 'report.pdf';

// HTML and PDF of one export share one rendering (the template read and slices drawn once).
const rendered = new WeakMap<ReportContext, Promise<string>>();

/** The report's HTML, with the bundled MNI template loaded when the atlas is in MNI space. */
export function renderReportHtml(ctx: ReportContext): Promise<string> {
  let page = rendered.get(ctx);
  if (!page) {
    page = (async () => reportHtml(ctx, ctx.atlas?.space === 'mni' ? await loadTemplate() : null))();
    page.catch(() => rendered.delete(ctx));
    rendered.set(ctx, page);
  }
  return page;
}

/** Writes the self-contained `report.html` into `dir` atomically; returns the file names written. */
export async function writeHtmlReport(ctx: ReportContext, dir: string): Promise<string[]> {
  await writeFileAtomic(path.join(dir, REPORT_HTML), await renderReportHtml(ctx));
  return [REPORT_HTML];
}

/**
 * Writes `report.pdf` (the same report printed to A4 by the system's Chromium) atomically;
 * a missing Chromium is a ChromiumMissingError saying what to install, before anything is written.
 */
export async function writePdfReport(ctx: ReportContext, dir: string): Promise<string[]> {
  const pdf = await printPdf(await renderReportHtml(ctx));
  await writeFileAtomic(path.join(dir, REPORT_PDF), pdf);
  return [REPORT_PDF];
}
