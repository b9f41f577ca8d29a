import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DESIGN } from '../../src/demo/index.js';
import { readNifti } from '../../src/nifti/index.js';
import { findChromium } from '../../src/report/html/chromium.js';
import { writeBrokenStudy } from '../helpers/broken-study.js';
import { launchChromium, serveApp, type ServedApp } from '../../bench/ui/browser-app.js';

// The app as a user runs it: `npm run serve`, then Debian's Chromium on the printed URL. One
// server and one page serve every step, in order (each step needs the one before).
const chromiumPath = findChromium();
const suite = chromiumPath ? describe : describe.skip;
const title = chromiumPath
  ? 'the app in Chromium: Study → Design → Train → Saliency → Export'
  : 'the app in Chromium: skipped, no Chromium on this machine (apt-get install chromium, or set CHROMIUM_PATH)';
const SCREENS = path.resolve('.tmp/screens');
// The demo study as src/demo designs it: one run per subject and task.
const DEMO_RUNS = DEMO_DESIGN.subjects.length * DEMO_DESIGN.tasks.length;

suite(title, { timeout: 300_000 }, () => {
  let app: ServedApp;
  let browser: Browser;
  let page: Page;
  let data: string;
  let workspace: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'ss-e2e-'));
    data = path.join(root, 'data');
    await writeBrokenStudy(path.join(data, 'broken-study'));
    await mkdir(SCREENS, { recursive: true });
    workspace = path.join(root, 'workspace');
    app = await serveApp(['--workspace', workspace, '--root', data]);
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

  it(`offers the demo study on first start and shows its summary: ${DEMO_DESIGN.subjects.length} subjects, ${DEMO_DESIGN.tasks.length} tasks, ${DEMO_RUNS} runs`, async () => {
    await shot('01-welcome');
    await byId('open-demo').click();
    await expect.poll(() => byId('run-row').count(), { timeout: 180_000 }).toBe(DEMO_RUNS);
    const summary = await byId('study-summary').innerText();
    expect(summary).toMatch(new RegExp(`\\b${DEMO_DESIGN.subjects.length}\\s*subjects`, 'i'));
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
    await expect.poll(() => byId('run-row').count(), { timeout: 30_000 }).toBe(DEMO_RUNS);

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

  it('previews windows per class and split on the Design screen, flags a denoising preset the study has no confounds for, then builds the dataset', async () => {
    await byId('tab-design').click();
    await byId('preview-table').waitFor({ timeout: 60_000 });
    // Default window 10 volumes at TR 2 s.
    expect(await byId('window-seconds').innerText()).toContain('20 s');
    await expect.poll(() => byId('windows-row').count()).toBe(3);
    // The demo study has no fMRIPrep confounds: a preset that needs them is flagged before any build.
    await byId('clean-preset').selectOption('simple');
    await expect.poll(() => byId('preview-warning').allInnerTexts(), { timeout: 60_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/confounds/i)]));
    await byId('clean-preset').selectOption({ index: 0 });
    await expect.poll(() => byId('preview-warning').count(), { timeout: 60_000 }).toBe(0);
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

  it('trains an LSTM with input-cell attention on the same dataset, beside the plain LSTM', async () => {
    await byId('model-attention').selectOption('input-cell');
    await byId('train-epochs').fill('3');
    await byId('train-patience').fill('10');
    await byId('run-name').fill('ica-short');
    await byId('train-start').click();
    const row = byId('run-row-train').and(page.locator('[data-run="ica-short"]'));
    await expect.poll(() => row.locator('[data-col="status"]').innerText(), { timeout: 240_000 }).toBe('finished');
  });

  const slider = () => byId('saliency-slider');
  // No DOM types in the test's compile: the page's input is typed structurally.
  const setStep = (step: number) => slider().evaluate((el, s) => {
    const input = el as unknown as { value: string; dispatchEvent(e: unknown): boolean };
    input.value = String(s);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, step);
  const mainPane = () => byId('saliency-pane-main');
  const brainCanvas = (pane = mainPane()) => pane.getByTestId('brain-canvas');
  /** The brain view's pixels once they stop changing (NiiVue draws on its own frames). */
  const settledBrain = async (pane = mainPane()) => {
    let last: Buffer = Buffer.alloc(0);
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(150);
      const now: Buffer = await brainCanvas(pane).screenshot();
      if (now.equals(last)) return now;
      last = now;
    }
    return last;
  };
  const topRegions = () => byId('saliency-top-region').allInnerTexts();

  it('computes gradient saliency for both runs as jobs; each result is listed under its run and opens', async () => {
    await byId('tab-saliency').click();
    await byId('saliency-screen').waitFor();
    for (const run of ['lstm-short', 'ica-short']) {
      await byId('saliency-run').selectOption(run);
      await byId('saliency-method').selectOption('grad');
      await byId('saliency-start').click();
      await byId('saliency-result').and(page.locator(`[data-run="${run}"][data-result="grad"]`)).waitFor({ timeout: 180_000 });
    }
    await expect.poll(() => byId('saliency-view').locator('h2').innerText(), { timeout: 60_000 }).toContain('ica-short');
    await byId('heatmap-cells').waitFor();
    await brainCanvas().waitFor({ timeout: 60_000 });
    await shot('09-saliency-ica');
  });

  // The app runs the model-parameter randomisation check by default: its verdict is the report's sentence.
  let appVerdict = '';
  it('ran the randomisation check by default and shows its verdict and one row per stage on the faithfulness panel', async () => {
    expect(await byId('saliency-randomisation').inputValue()).toBe('cascading');
    const check = byId('saliency-faithfulness').getByTestId('faith-randomisation');
    await check.waitFor({ timeout: 30_000 });
    appVerdict = (await check.getByTestId('faith-randomisation-verdict').innerText()).trim();
    expect(appVerdict).toMatch(/^(These maps (pass|fail) the randomisation check \(mean \|ρ\| = \d\.\d\d|The randomisation check is undetermined)/);
    expect(['passes', 'fails', 'undetermined']).toContain(await check.getAttribute('data-verdict'));
    // Cascading on the attention LSTM: one stage per layer group, head first, the first the head alone.
    const rows = await check.getByTestId('faith-randomisation-row').allInnerTexts();
    expect(rows.length).toBeGreaterThan(1);
    expect(rows[0].split('\t')[0]).not.toContain('+');
    expect(rows.at(-1)!.split('\t')[0]).toContain('+');
  });

  it('names the region under the pointer on the heatmap and on the brain', async () => {
    const cells = await byId('heatmap-cells').boundingBox();
    await page.mouse.move(cells!.x + cells!.width * 0.5, cells!.y + 4);
    const hover = mainPane().getByTestId('heatmap-hover');
    await expect.poll(() => hover.innerText()).toMatch(/volume \d+/i);
    const named = (await hover.locator('strong').innerText()).trim();
    expect(await byId('saliency-top-region').count()).toBeGreaterThan(0);
    // The hovered name is one of the dataset's AAL regions.
    const view = await readFile(path.join(workspace, 'datasets', 'demo-task', 'dataset.json'), 'utf8');
    expect(view).toContain(`"${named}"`);

    await settledBrain();
    const brain = await brainCanvas().boundingBox();
    // Multiplanar: the first tile's middle lies in the brain.
    let hovered = '';
    for (const [fx, fy] of [[0.17, 0.5], [0.5, 0.5], [0.83, 0.5], [0.2, 0.4], [0.5, 0.4]]) {
      await page.mouse.move(brain!.x + brain!.width * fx, brain!.y + brain!.height * fy);
      await page.waitForTimeout(200);
      hovered = await mainPane().getByTestId('brain-hover').innerText();
      if (/[A-Za-z]{3,}_/.test(hovered)) break;
    }
    expect(hovered).toMatch(/[A-Za-z]{3,}_[A-Za-z0-9_]*/);
  });

  it('moving the time-step slider repaints the brain view and re-ranks the top regions at that step', async () => {
    await setStep(0);
    const before = await settledBrain();
    const topBefore = await topRegions();
    const last = Number(await slider().getAttribute('max'));
    expect(last).toBeGreaterThan(0);
    await setStep(last);
    await expect.poll(() => byId('saliency-step-label').innerText()).toContain(`Volume ${last + 1} of ${last + 1}`);
    const after = await settledBrain();
    expect(after.equals(before)).toBe(false);
    expect(await topRegions()).not.toEqual(topBefore);
    await shot('10-saliency-last-step');
  });

  it('opens the per-class and the class-difference views', async () => {
    await byId('saliency-view-select').selectOption('class');
    await byId('saliency-class-select').selectOption({ index: 1 });
    await byId('heatmap-cells').waitFor();
    await expect.poll(() => byId('saliency-importance').innerText()).toContain('class');
    await shot('11-saliency-class');
    await byId('saliency-view-select').selectOption('difference');
    await byId('saliency-class-a').waitFor();
    await byId('heatmap-cells').waitFor();
    await byId('saliency-view-select').selectOption('overall');
  });

  it('compares the input-cell run with the plain LSTM side by side on one slider', async () => {
    await byId('saliency-compare-select').selectOption('lstm-short/grad');
    const compare = byId('saliency-pane-compare');
    await compare.waitFor({ timeout: 30_000 });
    await brainCanvas(compare).waitFor({ timeout: 60_000 });
    await setStep(0);
    const early = await settledBrain(compare);
    await setStep(Number(await slider().getAttribute('max')));
    const late = await settledBrain(compare);
    expect(late.equals(early)).toBe(false);
    await shot('12-saliency-compare');
    await byId('saliency-compare-select').selectOption('');
  });

  it('exports the report into the workspace and reads it back: the files, a NIfTI map our reader opens, a self-contained HTML', async () => {
    await byId('export-start').click();
    await byId('export-done').waitFor({ timeout: 180_000 });
    const out = path.join(workspace, 'reports', 'ica-short-grad');
    const files = await readdir(out);
    expect(files).toEqual(expect.arrayContaining(['regions.tsv', 'region_by_time.tsv', 'region_importance.nii.gz', 'saliency.npy', 'provenance.json', 'report.html']));
    const map = await readNifti(path.join(out, 'region_importance.nii.gz'));
    expect(map.header.shape.slice(0, 3).every((d) => d > 1)).toBe(true);
    const values = Array.from(map.data);
    expect(values.some((v) => v > 0)).toBe(true);
    expect(values.every((v) => Number.isFinite(v))).toBe(true);
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<(script|img|link)[^>]+(src|href)="(https?:)?\/\//i);
    expect(html).toContain('ica-short');
    // The exported report carries the check the app computed, not "Not run".
    expect(html).toContain('id="randomisation-stages"');
    expect(html).not.toContain('Not run for these maps');
    await shot('13-saliency-export');

    const [report] = await Promise.all([page.waitForEvent('popup'), byId('export-open-report').click()]);
    await report.waitForLoadState();
    expect(await report.locator('body').innerText()).toMatch(/region/i);
    expect((await report.locator('#randomisation-verdict').innerText()).trim()).toBe(appVerdict);
    await report.screenshot({ path: path.join(SCREENS, '14-report-html.png'), fullPage: false });
    await report.close();
  });

  it('logged no error in the page console', () => {
    expect(consoleErrors).toEqual([]);
  });
});
