// `npm run bench:ui [-- --repeat 5]` (after `npm run build`): how the UI holds up in Debian's
// headless Chromium on this machine, driving the app as a user does (`npm run serve`):
//  1. from starting `npm run serve` to the Study screen interactive (its first button enabled);
//  2. from clicking the demo study (24 runs, already parcellated) to its summary and 24 rows shown;
//  3. the page's main thread while a training job runs: the longest gap between 10 ms timer
//     ticks and the longest "long task" Chromium reports (target < 50 ms: no jank).
// Prints a table and writes bench/out/ui.json.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { OUT } from '../parcellate/paths.js';
import { launchChromium, serveApp } from './browser-app.js';

interface Stats { min: number; median: number; max: number }

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

const ms = (x: number) => `${Math.round(x)} ms`;

/** Serve start → URL printed → Study screen interactive, on a fresh workspace. */
async function startUp(browser: Browser): Promise<{ serverMs: number; interactiveMs: number }> {
  const workspace = mkdtempSync(path.join(tmpdir(), 'ss-bench-ui-'));
  const t0 = performance.now();
  const app = await serveApp(['--workspace', workspace, '--root', workspace]);
  const serverMs = performance.now() - t0;
  const page = await browser.newPage();
  try {
    await page.goto(app.url);
    await page.getByTestId('open-demo').and(page.locator(':enabled')).waitFor();
    return { serverMs, interactiveMs: performance.now() - t0 };
  } finally {
    await page.close();
    await app.stop();
  }
}

/** Clicks the demo study in the start panel and waits for its summary and every run row. */
async function openDemo(page: Page): Promise<number> {
  await page.getByTestId('study-row').and(page.locator('[data-name="demo"]')).waitFor();
  const t0 = performance.now();
  await page.getByTestId('study-row').and(page.locator('[data-name="demo"]')).click();
  await page.getByTestId('study-summary').waitFor();
  await page.waitForFunction(`document.querySelectorAll('[data-testid="run-row"]').length === 24`);
  return performance.now() - t0;
}

/** Installs the main-thread probes: the largest gap between 10 ms ticks, and long tasks. */
async function startProbe(page: Page): Promise<void> {
  // A string: it runs in the page (this file is compiled without the DOM's types).
  await page.evaluate(`(() => {
    const probe = (window.probe = { gaps: [], tasks: [], ticks: 0, finishedAt: null });
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      if (now - last > 20) probe.gaps.push({ at: last, ms: now - last - 10 });
      probe.ticks++;
      last = now;
    }, 10);
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.tasks.push({ at: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask' });
    // When the run's end reaches the page: what follows is opening the finished run, not training.
    new MutationObserver(() => {
      if (probe.finishedAt === null && document.querySelector('[data-testid="train-finished"]')) probe.finishedAt = performance.now();
    }).observe(document.body, { childList: true, subtree: true });
  })()`);
}

interface Probe { gaps: { at: number; ms: number }[]; tasks: { at: number; ms: number }[]; ticks: number; finishedAt: number | null }

/**
 * The worst main-thread stall while the job trained (an interval that ended before the run's
 * end reached the page) and after (opening the finished run: its curves and confusion matrix).
 */
function splitAtFinish(probe: Probe, seconds: number) {
  const end = probe.finishedAt ?? Infinity;
  const worst = (xs: { at: number; ms: number }[], during: boolean) =>
    Math.max(0, ...xs.filter((x) => (x.at + x.ms < end) === during).map((x) => x.ms));
  return {
    seconds, ticks: probe.ticks,
    duringGap: worst(probe.gaps, true), duringLongTask: worst(probe.tasks, true),
    afterGap: worst(probe.gaps, false), afterLongTask: worst(probe.tasks, false),
    longTasksDuring: probe.tasks.filter((x) => x.at + x.ms < end).length,
    // Raw, relative to the run's end reaching the page, for looking into a stall.
    tasks: probe.tasks.map((x) => ({ at: Math.round(x.at - end), ms: Math.round(x.ms) })),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { repeat: { type: 'string', default: '5' }, epochs: { type: 'string', default: '40' } } });
  const repeat = Number(values.repeat);
  const browser = await launchChromium();
  if (!browser) throw new Error('no Chromium found: apt-get install chromium, or set CHROMIUM_PATH');
  try {
    const starts = [];
    for (let i = 0; i < repeat; i++) starts.push(await startUp(browser));

    // One workspace with the demo study generated and parcellated (through the UI, once).
    const workspace = mkdtempSync(path.join(tmpdir(), 'ss-bench-ui-'));
    const app = await serveApp(['--workspace', workspace, '--root', workspace]);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let opens: number[] = [];
    let training: ReturnType<typeof splitAtFinish>;
    try {
      await page.goto(app.url);
      await page.getByTestId('open-demo').click();
      await page.getByTestId('parcellate').click({ timeout: 180_000 });
      await page.getByTestId('parcellated').waitFor({ timeout: 300_000 });
      for (let i = 0; i < repeat; i++) {
        await page.reload();
        opens.push(await openDemo(page));
      }
      // A dataset, then a training run watched from the Train screen.
      await page.getByTestId('tab-design').click();
      await page.getByTestId('preview-table').waitFor({ timeout: 60_000 });
      await page.getByTestId('dataset-name').fill('bench');
      await page.getByTestId('build-dataset').click();
      await page.getByTestId('go-train').click({ timeout: 300_000 });
      await page.getByTestId('backend-chosen').waitFor({ timeout: 60_000 });
      await page.getByTestId('train-epochs').fill(values.epochs!);
      await page.getByTestId('train-patience').fill(values.epochs!);
      await page.getByTestId('run-name').fill('bench-run');
      await startProbe(page);
      const t0 = performance.now();
      await page.getByTestId('train-start').click();
      await page.getByTestId('confusion').waitFor({ timeout: 600_000 });
      const probe = (await page.evaluate('window.probe')) as Probe;
      training = splitAtFinish(probe, (performance.now() - t0) / 1000);
    } finally {
      await page.close();
      await app.stop();
    }

    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30) },
      chromium: browser.version(),
      repeat,
      serverStart: stats(starts.map((s) => s.serverMs)),
      studyInteractive: stats(starts.map((s) => s.interactiveMs)),
      demoSummary: stats(opens),
      training,
    };
    mkdirSync(OUT, { recursive: true });
    writeFileSync(path.join(OUT, 'ui.json'), JSON.stringify(result, null, 2) + '\n');
    const row = (name: string, s: Stats) => `| ${name} | ${ms(s.min)} | ${ms(s.median)} | ${ms(s.max)} |`;
    process.stdout.write([
      `Chromium ${result.chromium}, ${result.machine.cpus} × ${result.machine.model}, ${repeat} runs each`,
      '',
      '| measure | min | median | max |',
      '|---|---|---|---|',
      row('`npm run serve` → URL printed', result.serverStart),
      row('`npm run serve` → Study screen interactive', result.studyInteractive),
      row('click demo study (24 runs, parcellated) → summary + 24 rows', result.demoSummary),
      '',
      `Training ${values.epochs} epochs (${training.seconds.toFixed(1)} s, ${training.ticks} ticks of a 10 ms timer):`,
      `- while it trains: longest main-thread stall ${ms(training.duringGap)}; ${training.longTasksDuring} long tasks (≥ 50 ms), the longest ${ms(training.duringLongTask)}`,
      `- opening the finished run (curves + confusion matrix): longest stall ${ms(training.afterGap)}, longest long task ${ms(training.afterLongTask)}`,
      '',
    ].join('\n'));
  } finally {
    await browser.close();
  }
}

await main();
