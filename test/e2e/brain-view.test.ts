import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/api/csp.js';
import { findChromium } from '../../src/report/html/chromium.js';
import { launchChromium } from '../../bench/ui/browser-app.js';
import { serveStatic } from '../../bench/ui/static-pages.js';

// The brain view in a real browser (Debian's Chromium, WebGL2 on SwiftShader): the bench page
// (renderer/bench/brain.*, built by `vite build --config renderer/vite.bench.config.ts`, here if
// `npm run build` has not) mounts BrainView on the bundled ch2bet template and AAL atlas.
const chromiumPath = findChromium();
const suite = chromiumPath ? describe : describe.skip;
const title = chromiumPath
  ? 'the brain view in Chromium (ch2bet + AAL)'
  : 'the brain view in Chromium: skipped, no Chromium on this machine (apt-get install chromium, or set CHROMIUM_PATH)';
const BUILT = path.resolve('dist/bench-renderer');

/** Polls `js` in the page until it is true (waitForFunction evaluates its predicate with eval, which the CSP forbids). */
async function until(page: Page, js: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(js))) {
    if (Date.now() > end) throw new Error(`the bench page: still not ${js} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

interface Timed { drawnMs: number; frameMs: number }
interface Hover { region: number | null; value: number | null; mm: number[] }

suite(title, { timeout: 180_000 }, () => {
  let browser: Browser;
  let page: Page;
  let server: { url: string; stop(): Promise<void> };
  const pageErrors: string[] = [];
  let PAGES: string;

  beforeAll(async () => {
    if (!existsSync(path.join(BUILT, 'brain.html'))) {
      const built = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.bench.config.ts', '--logLevel', 'warn'], { encoding: 'utf8' });
      if (built.status !== 0) throw new Error(`building the bench pages failed:\n${built.stderr}`);
    }
    // Served from a private copy: a rebuild of the bench pages meanwhile must not empty it.
    PAGES = mkdtempSync(path.join(tmpdir(), 'ss-e2e-brain-'));
    cpSync(BUILT, PAGES, { recursive: true });
    server = await serveStatic(PAGES);
    browser = (await launchChromium())!;
    page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${server.url}brain.html`);
    await until(page, 'Boolean(window.brainError || (window.brain && (window.brain.drawnCount() > 0 || window.brain.error())))', 120_000);
    const failed = await page.evaluate('window.brainError || window.brain.error()');
    if (failed) throw new Error(`the bench page failed: ${String(failed)}`);
  }, 150_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (PAGES) rmSync(PAGES, { recursive: true, force: true });
  });

  const run = <T>(js: string) => page.evaluate(js) as Promise<T>;

  it('runs under the app\u2019s CSP (the page\u2019s meta tag is contentSecurityPolicy({ connect: [] })), with no violation or page error', async () => {
    const meta = await run<string>(`document.querySelector('meta[http-equiv="Content-Security-Policy"]').content`);
    expect(meta).toBe(contentSecurityPolicy({ connect: [] }));
    expect(readFileSync(path.join(PAGES, 'brain.html'), 'utf8')).toContain(contentSecurityPolicy({ connect: [] }));
    expect(await run<string[]>('window.brain.violations')).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('draws the template and the painted atlas: many non-background pixels, some in colour', async () => {
    const canvas = await run<{ w: number; h: number }>(`(() => { const c = document.querySelector('[data-testid="brain-canvas"]'); return { w: c.width, h: c.height }; })()`);
    const lit = await run<number>(`window.brain.snap('first')`);
    expect(lit).toBeGreaterThan(0.1 * canvas.w * canvas.h);
    expect(await run<number>(`window.brain.coloured('first')`)).toBeGreaterThan(0.02 * canvas.w * canvas.h);
  });

  it('repaints with other values: the canvas\u2019s pixels change, and come back with the first values', async () => {
    await run<Timed>('window.brain.setValues(2)');
    await run<number>(`window.brain.snap('second')`);
    expect(await run<number>(`window.brain.diff('first', 'second')`)).toBeGreaterThan(1000);
    await run<Timed>('window.brain.setValues(1)');
    await run<number>(`window.brain.snap('again')`);
    expect(await run<number>(`window.brain.diff('first', 'again')`)).toBe(0);
  });

  it('keeps up with a slider drag without a backlog: at most one draw per change, ending on the last values', async () => {
    const drag = await run<{ changes: number; draws: number }>('window.brain.drag(30, 5)');
    expect(drag.draws).toBeGreaterThanOrEqual(1);
    expect(drag.draws).toBeLessThanOrEqual(drag.changes);
    await run<number>(`window.brain.snap('dragged')`);
    // The drag's last values are seed 5000 + 29: drawn afresh, the same pixels.
    await run<Timed>('window.brain.setValues(5029)');
    await run<number>(`window.brain.snap('last')`);
    expect(await run<number>(`window.brain.diff('dragged', 'last')`)).toBe(0);
    await run<Timed>('window.brain.setValues(1)');
  });

  it('leaves only the template when the threshold is above every value: the same pixels as the atlas at opacity 0', async () => {
    await run<Timed>('window.brain.setThreshold(2)');
    await run<number>(`window.brain.snap('thresholded')`);
    await run<Timed>('window.brain.setThreshold(0)');
    await run<Timed>('window.brain.setOpacity(0)');
    await run<number>(`window.brain.snap('transparent')`);
    await run<Timed>('window.brain.setOpacity(0.8)');
    expect(await run<number>(`window.brain.diff('thresholded', 'first')`)).toBeGreaterThan(1000);
    expect(await run<number>(`window.brain.diff('thresholded', 'transparent')`)).toBe(0);
  });

  it('reports the region under the pointer: hovering where a region\u2019s inside voxel is drawn names it; clicking selects it', async () => {
    const names = await run<string[]>('window.brain.names()');
    const region = names.indexOf('Precuneus_L');
    expect(region).toBeGreaterThanOrEqual(0);
    await run<Timed>('window.brain.setLayout("axial")');
    await run<Timed>(`window.brain.select(${region})`);
    const at = await run<{ x: number; y: number } | null>(`window.brain.pointOf(${region})`);
    expect(at).not.toBeNull();
    const box = (await page.getByTestId('brain-canvas').boundingBox())!;
    await page.mouse.move(box.x + at!.x, box.y + at!.y);
    await expect.poll(() => run<Hover | null>('window.brain.lastHover()')).toMatchObject({ region });
    expect(await page.getByTestId('brain-hover').textContent()).toContain('Precuneus_L');
    await run<Timed>('window.brain.select(null)');
    await page.mouse.click(box.x + at!.x, box.y + at!.y);
    await expect.poll(() => run<number | null>('window.brain.selected()')).toBe(region);
  });

  it('switches to every layout, including the axial mosaic, and draws each differently', async () => {
    const seen = new Map<string, number>();
    for (const layout of ['multiplanar', 'coronal', 'sagittal', 'mosaic', 'axial']) {
      await run<Timed>(`window.brain.setLayout(${JSON.stringify(layout)})`);
      seen.set(layout, await run<number>(`window.brain.snap(${JSON.stringify(layout)})`));
    }
    expect(await run<number>(`window.brain.diff('mosaic', 'axial')`)).toBeGreaterThan(1000);
    expect(await run<number>(`window.brain.diff('coronal', 'sagittal')`)).toBeGreaterThan(1000);
    for (const lit of seen.values()) expect(lit).toBeGreaterThan(1000);
    expect(await run<string>('window.brain.png()')).toMatch(/^data:image\/png;base64,/);
  });
});
