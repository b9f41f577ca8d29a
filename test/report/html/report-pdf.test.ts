import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withReportPage } from '../../../src/report/html/browser.js';
import { ChromiumMissingError, findChromium, renderReportHtml, requireChromium, writePdfReport } from '../../../src/report/html/index.js';
import { tempDir } from '../../helpers/temp-tree.js';
import { fixtureContext } from './fixture.js';
import { pngSize } from './png-decode.js';

/** A full-page PNG screenshot of the report as Chromium renders it. */
const screenshotPng = (html: string): Promise<Uint8Array> => withReportPage(html, (page) => page.screenshot({ fullPage: true, type: 'png' }));

const chromium = findChromium();
const SKIP = chromium ? '' : ' — SKIPPED: no Chromium found (set CHROMIUM_PATH or `apt install chromium`)';
// Shown in the run's output, so skipped PDF checks are never mistaken for passing ones.
if (!chromium) console.warn(`report-pdf.test.ts: PDF and screenshot checks${SKIP}`);

describe('findChromium', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('uses CHROMIUM_PATH when it names an existing file, and nothing else when it does not', () => {
    expect(findChromium({ CHROMIUM_PATH: process.execPath })).toBe(process.execPath);
    expect(findChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toBeNull();
    expect(() => requireChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow(ChromiumMissingError);
    expect(() => requireChromium({ CHROMIUM_PATH: '/nonexistent/chromium' })).toThrow('environment: CHROMIUM_PATH = "/nonexistent/chromium"; expected the path of an existing Chromium or Chrome executable');
  });

  it('fails writePdfReport with what to install, writing nothing, when there is no Chromium', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const dir = await tempDir();
    await expect(writePdfReport(await fixtureContext(), dir)).rejects.toThrow(ChromiumMissingError);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe.skipIf(!chromium)(`report in Chromium${SKIP}`, () => {
  it(`prints report.pdf: a PDF with at least two A4 pages${SKIP}`, async () => {
    const dir = await tempDir();
    expect(await writePdfReport(await fixtureContext(), dir)).toEqual(['report.pdf']);
    expect(await readdir(dir)).toEqual(['report.pdf']);
    const pdf = await readFile(path.join(dir, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const body = pdf.toString('latin1');
    const pages = body.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // A4 is 595 × 842 points (rounded).
    expect(body).toMatch(/\/MediaBox\s*\[\s*0 0 595(\.\d+)? 841(\.\d+)?|\/MediaBox\s*\[\s*0 0 595(\.\d+)? 842/);
  });

  it(`renders in Chromium as a tall page of reasonable size${SKIP}`, async () => {
    const dir = await tempDir();
    const png = await screenshotPng(await renderReportHtml(await fixtureContext()));
    await writeFile(path.join(dir, 'report.png'), png);
    expect(existsSync(path.join(dir, 'report.png'))).toBe(true);
    const { width, height } = pngSize(png);
    expect(width).toBe(1100);
    expect(height).toBeGreaterThan(2500);
    expect(height).toBeLessThan(12000);
    expect(png.byteLength).toBeGreaterThan(100_000);
  });
});
