import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../src/report/html/chromium.js';
import { writeBrokenStudy } from '../helpers/broken-study.js';
import { launchChromium, serveApp, type ServedApp } from '../../bench/ui/browser-app.js';

// The app as a user runs it: `npm run serve`, then Debian's Chromium on the printed URL. One
// server and one page serve every step, in order (each step needs the one before).
const chromiumPath = findChromium();
const suite = chromiumPath ? describe : describe.skip;
const title = chromiumPath
  ? 'the app in Chromium: Study → Design → Train'
  : 'the app in Chromium: skipped, no Chromium on this machine (apt-get install chromium, or set CHROMIUM_PATH)';
const SCREENS = path.resolve('.tmp/screens');

suite(title, { timeout: 240_000 }, () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  let data: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'ss-e2e-'));
    data = path.join(root, 'data');
    await writeBrokenStudy(path.join(data, 'broken-study'));
    await mkdir(SCREENS, { recursive: true });
    app = await serveApp(['--workspace', path.join(root, 'workspace'), '--root', data]);
    browser = (await launchChromium())!;
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(app.url);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const shot = (name: string) => page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
  const byId = (id: string) => page.getByTestId(id);

  it('offers the demo study on first start and shows its summary: 8 subjects, 3 tasks, 24 runs', async () => {
    await shot('01-welcome');
    await byId('open-demo').click();
    await expect.poll(() => byId('run-row').count(), { timeout: 120_000 }).toBe(24);
    const summary = await byId('study-summary').innerText();
    expect(summary).toMatch(/8\s*subjects/i);
    expect(summary).toMatch(/motor/);
    await shot('02-study-demo');
  });

  it('lists every problem of a broken study opened through the folder browser, each with its file', async () => {
    await byId('open-my-data').click();
    await byId('folder-browser').getByTestId('fb-entry').filter({ hasText: 'broken-study' }).click();
    await byId('fb-choose').click();
    await expect.poll(() => byId('run-row').count(), { timeout: 30_000 }).toBe(6);
    const problems = await byId('problem').allInnerTexts();
    const text = problems.join('\n');
    expect(text).toContain('repetition time is known nowhere');
    expect(text).toContain('differs from the NIfTI header');
    expect(text).toContain('start at or after the end');
    expect(text).toContain('cannot be read');
    expect(text).toContain('sub-06_task-a_bold.nii');
    await shot('03-study-problems');
  });

  it('reopens the demo study from the workspace through the folder browser, parcellates it with progress and plots a QC run', async () => {
    await byId('open-my-data').click();
    await byId('fb-root').filter({ hasText: 'workspace' }).click();
    await byId('fb-entry').and(page.locator('[data-name="studies"]')).dblclick();
    await byId('fb-entry').and(page.locator('[data-name="demo"]')).click();
    await byId('fb-choose').click();
    await expect.poll(() => byId('run-row').count(), { timeout: 30_000 }).toBe(24);

    await byId('parcellate').click();
    await byId('job-progress').first().waitFor({ timeout: 30_000 });
    await byId('parcellated').waitFor({ timeout: 180_000 });
    await byId('qc-run').selectOption({ index: 0 });
    for (const name of ['Precentral_L', 'Calcarine_L']) await byId('qc-region-option').and(page.locator(`[data-name="${name}"]`)).check();
    await byId('qc-plot').waitFor();
    const chips = await byId('qc-region-chip').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(chips).toEqual(expect.arrayContaining(['Precentral_L', 'Calcarine_L']));
    await shot('04-study-qc');
  });

  it('previews windows per class and split on the Design screen, then builds the dataset', async () => {
    await byId('tab-design').click();
    await byId('preview-table').waitFor({ timeout: 60_000 });
    // Default window 10 volumes at TR 2 s.
    expect(await byId('window-seconds').innerText()).toContain('20 s');
    await expect.poll(() => byId('windows-row').count()).toBe(3);
    await byId('dataset-name').fill('demo-task');
    await byId('build-dataset').click();
    await byId('build-summary').waitFor({ timeout: 180_000 });
    // The build's windows per class and split are the ones the preview promised.
    const previewed = await byId('preview-table').getByTestId('windows-total').innerText();
    const built = await byId('build-windows').getByTestId('windows-total').innerText();
    expect(built).toBe(previewed);
    await shot('05-design');
  });

  it('trains a small model with live curves; the run appears in the runs table, finished, with its confusion matrix', async () => {
    await byId('go-train').click();
    await byId('train-screen').waitFor();
    expect(await byId('train-dataset').inputValue()).toBe('demo-task');
    await byId('backend-chosen').waitFor({ timeout: 60_000 });
    await byId('train-epochs').fill('3');
    await byId('run-name').fill('lstm-short');
    await byId('train-start').click();
    await byId('curves').waitFor({ timeout: 60_000 });
    await byId('confusion').waitFor({ timeout: 120_000 });
    const row = byId('run-row-train').and(page.locator('[data-run="lstm-short"]'));
    await expect.poll(() => row.locator('[data-col="status"]').innerText(), { timeout: 30_000 }).toBe('finished');
    expect(await row.locator('[data-col="epochs"]').innerText()).toBe('3');
    expect(await byId('confusion-cell').count()).toBe(9);
    await shot('06-train');
  });

  it('cancels a second run after its curves have two epochs, and resumes it to completion', async () => {
    // Long enough (an epoch here takes well under a second) to be cancelled midway.
    await byId('train-epochs').fill('100');
    await byId('train-patience').fill('100');
    await byId('run-name').fill('lstm-resumed');
    await byId('train-start').click();
    const live = byId('train-live');
    await live.getByTestId('train-cancel').waitFor({ timeout: 60_000 });
    await expect.poll(async () => Number(await live.getByTestId('curves').getAttribute('data-epochs')), { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(2);
    await live.getByTestId('train-cancel').click();
    await byId('train-resume').waitFor({ timeout: 60_000 });
    await shot('07-train-cancelled');
    const row = byId('run-row-train').and(page.locator('[data-run="lstm-resumed"]'));
    await expect.poll(() => row.locator('[data-col="status"]').innerText(), { timeout: 30_000 }).toMatch(/^stopped/);
    await byId('train-resume').click();
    await expect.poll(() => row.locator('[data-col="status"]').innerText(), { timeout: 180_000 }).toBe('finished');
    expect(await row.locator('[data-col="epochs"]').innerText()).toBe('100');
    await shot('08-train-resumed');
  });

  it('logged no error in the page console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
