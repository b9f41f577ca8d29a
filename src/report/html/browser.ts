import { chromium, type Page } from 'playwright-core';
import { requireChromium } from './chromium.js';

/**
 * Opens `html` in a headless system Chromium and hands the page to `use`; the browser is
 * always closed. Navigation to the network is blocked, so a report that reached out would
 * show missing pieces instead of quietly fetching them.
 */
export async function withReportPage<T>(html: string, use: (page: Page) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: requireChromium(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await page.route(/^(https?|ftp|file):/, (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await use(page);
  } finally {
    await browser.close();
  }
}

/** The report printed to A4 by Chromium, backgrounds included. */
export async function printPdf(html: string): Promise<Uint8Array> {
  return withReportPage(html, (page) =>
    page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } }),
  );
}
