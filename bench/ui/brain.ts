// `node dist/bench/ui/brain.js [--changes 20]` (after `npx tsc -p tsconfig.json && npx vite build
// --config renderer/vite.bench.config.ts`): the brain view (NiiVue, WebGL2) in Debian's headless
// Chromium on the bench page (renderer/bench/brain.*), ch2bet + AAL (116 regions) and, when
// ../shared/data has it, AICHA (192 regions):
//  1. first load: mounting the view to its first `drawn` (base64 decode, gunzip, textures, geometry);
//  2. value change → drawn: a new values array (a slider step) to the view's `drawn` event, and to
//     the next animation frame after it, median and max over --changes steps (target < 50 ms);
//     The GPU time is what a user waits for: WebGL returns at once and works after (a 1-pixel
//     readback waits for it); layouts and selection are timed to it too;
//  3. layout switch → drawn, per layout; and selecting a region;
//  4. a slider drag: 60 new values 16 ms apart (input events at 60 Hz), how often it drew, and the
//     last value to the GPU having drawn it (no backlog: about one repaint).
// Prints a markdown table and writes bench/out/brain.json.
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { AICHA, OUT, ROOT } from '../parcellate/paths.js';
import { launchChromium } from './browser-app.js';
import { serveStatic } from './static-pages.js';

interface Timed { drawnMs: number; gpuMs: number; frameMs: number }
interface Stats { median: number; max: number }
interface AtlasResult {
  atlas: string;
  regions: number;
  firstLoadMs: number;
  valueDrawn: Stats;
  valueGpu: Stats;
  valueFrame: Stats;
  layouts: Record<string, number>;
  selectMs: number;
  drag: { changes: number; draws: number; lastMs: number };
}

const LAYOUTS = ['axial', 'coronal', 'sagittal', 'mosaic', 'multiplanar'];

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

/** Polls `js` in the page until true (the page's CSP forbids waitForFunction's eval). */
async function until(page: Page, js: string, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(js))) {
    if (Date.now() > end) throw new Error(`bench page: still not ${js} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function measure(page: Page, url: string, atlas: string, changes: number): Promise<AtlasResult> {
  await page.goto(url);
  await until(page, 'Boolean(window.brainError || (window.brain && (window.brain.drawnCount() > 0 || window.brain.error())))', 180_000);
  const failed = await page.evaluate('window.brainError || window.brain.error()');
  if (failed) throw new Error(`${atlas}: ${String(failed)}`);
  const firstLoadMs = (await page.evaluate('window.brain.firstDrawnMs()')) as number;
  const regions = (await page.evaluate('window.brain.regions')) as number;
  // One change first: the GPU may still be busy with the first load's textures.
  await page.evaluate('window.brain.setValues(1000)');
  const steps: Timed[] = [];
  for (let i = 0; i < changes; i++) steps.push((await page.evaluate(`window.brain.setValues(${i + 2})`)) as Timed);
  const layouts: Record<string, number> = {};
  for (const layout of LAYOUTS) layouts[layout] = ((await page.evaluate(`window.brain.setLayout(${JSON.stringify(layout)})`)) as Timed).gpuMs;
  const selectMs = ((await page.evaluate('window.brain.select(3)')) as Timed).gpuMs;
  const drag = (await page.evaluate('window.brain.drag(60, 16)')) as AtlasResult['drag'];
  return {
    atlas, regions, firstLoadMs, layouts, selectMs, drag,
    valueDrawn: stats(steps.map((s) => s.drawnMs)), valueGpu: stats(steps.map((s) => s.gpuMs)), valueFrame: stats(steps.map((s) => s.frameMs)),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { changes: { type: 'string', default: '20' } } });
  const changes = Number(values.changes);
  const built = path.join(ROOT, 'dist', 'bench-renderer');
  if (!existsSync(path.join(built, 'brain.html'))) throw new Error(`${built}/brain.html missing: run \`npx vite build --config renderer/vite.bench.config.ts\` first`);
  // A private copy: a rebuild of the bench pages meanwhile must not pull files from under the page.
  const pages = mkdtempSync(path.join(tmpdir(), 'ss-bench-brain-'));
  cpSync(built, pages, { recursive: true });
  const targets: { atlas: string; query: string }[] = [{ atlas: 'AAL (bundled)', query: '' }];
  if (existsSync(AICHA) && existsSync(AICHA.replace(/\.gz$/, '.txt'))) {
    // Served beside the page: the page may only fetch its own origin (CSP connect-src 'self').
    mkdirSync(path.join(pages, 'extra'), { recursive: true });
    copyFileSync(AICHA, path.join(pages, 'extra', 'aicha.nii.gz'));
    copyFileSync(AICHA.replace(/\.gz$/, '.txt'), path.join(pages, 'extra', 'aicha.nii.txt'));
    targets.push({ atlas: 'AICHA', query: '?atlas=extra/aicha.nii.gz&names=extra/aicha.nii.txt' });
  }
  const browser = await launchChromium();
  if (!browser) throw new Error('no Chromium on this machine (apt-get install chromium, or set CHROMIUM_PATH)');
  const server = await serveStatic(pages);
  const results: AtlasResult[] = [];
  try {
    for (const t of targets) {
      const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
      try {
        results.push(await measure(page, `${server.url}brain.html${t.query}`, t.atlas, changes));
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(pages, { recursive: true, force: true });
  }
  const ms = (x: number) => `${Math.round(x)} ms`;
  console.log(`Brain view (NiiVue ${'0.69'}, ch2bet 181×217×181, canvas 800×~600, Chromium headless, ${cpus().length} CPUs, ${changes} value changes)\n`);
  console.log('| atlas | regions | first load | value → drawn, CPU (median / max) | value → GPU done (median / max) | value → next frame (median / max) | ' + LAYOUTS.map((l) => `→ ${l}`).join(' | ') + ' | select region | drag: draws / 60, last value → GPU done |');
  console.log('|---|---|---|---|---|---|' + LAYOUTS.map(() => '---|').join('') + '---|---|');
  for (const r of results) {
    console.log(`| ${r.atlas} | ${r.regions} | ${ms(r.firstLoadMs)} | ${ms(r.valueDrawn.median)} / ${ms(r.valueDrawn.max)} | ${ms(r.valueGpu.median)} / ${ms(r.valueGpu.max)} | ${ms(r.valueFrame.median)} / ${ms(r.valueFrame.max)} | ${LAYOUTS.map((l) => ms(r.layouts[l])).join(' | ')} | ${ms(r.selectMs)} | ${r.drag.draws} / ${r.drag.changes}, ${ms(r.drag.lastMs)} |`);
  }
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'brain.json'), JSON.stringify({ cpus: cpus().length, changes, results }, null, 2) + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
