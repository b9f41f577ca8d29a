// `node dist/bench/ui/heatmap.js` (after `npx tsc -p tsconfig.json && npx vite build --config
// renderer/vite.bench.config.ts`): the saliency heatmap in Debian's headless Chromium at three
// sizes up to 400 regions × 1,200 steps: mount → first complete draw, a zoom (dispatchAction
// dataZoom) → repainted, a step-marker move → painted. Targets: first draw < 1 s, zoom < 100 ms.
// Prints a markdown table and writes bench/out/ui-heatmap.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { OUT, ROOT } from '../parcellate/paths.js';
import { launchChromium } from './browser-app.js';
import { serveStatic } from './static-pages.js';

const PAGES = path.join(ROOT, 'dist/bench-renderer');
const SIZES: [regions: number, steps: number][] = [[100, 300], [200, 600], [400, 1200]];
const ZOOMS = 10;

interface Row { regions: number; steps: number; firstDrawMs: number; zoomMs: number[]; zoomSyncMs: number[]; stepMs: number[]; stepRepainted: boolean; lastWindow: string }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => `${x.toFixed(1)}`;

async function main(): Promise<void> {
  const browser = await launchChromium();
  if (!browser) throw new Error('no Chromium found (install Debian\'s chromium)');
  const server = await serveStatic(PAGES);
  const rows: Row[] = [];
  try {
    for (const [regions, steps] of SIZES) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${server.url}heatmap.html?regions=${regions}&steps=${steps}`);
      await page.waitForFunction('window.bench !== undefined');
      const firstDrawMs = (await page.evaluate('window.bench.mount()')) as number;
      const zoomMs: number[] = [];
      const zoomSyncMs: number[] = [];
      let lastWindow = '';
      for (let i = 0; i < ZOOMS; i++) {
        // Alternate wide and narrow windows, panning across the matrix.
        const width = i % 2 ? Math.round(steps / 3) : steps - 1;
        const a = Math.round(((steps - width - 1) * i) / ZOOMS);
        const c = Math.round(((regions / 2) * i) / ZOOMS);
        const z = (await page.evaluate(`window.bench.zoom(${a}, ${a + width}, ${c}, ${c + Math.round(regions / 2) - 1})`)) as { ms: number; syncMs: number };
        zoomMs.push(z.ms);
        zoomSyncMs.push(z.syncMs);
        lastWindow = (await page.evaluate('window.bench.window()')) as string;
      }
      const stepMs: number[] = [];
      let stepRepainted = false;
      for (let i = 1; i <= ZOOMS; i++) {
        const r = (await page.evaluate(`window.bench.stepMove(${Math.round((steps - 1) * i / ZOOMS)})`)) as { ms: number; repainted: boolean };
        stepMs.push(r.ms);
        stepRepainted ||= r.repainted;
      }
      if (process.env.HEATMAP_SHOT) await page.screenshot({ path: `${process.env.HEATMAP_SHOT}-${regions}x${steps}.png` });
      if (errors.length) throw new Error(`page errors at ${regions} × ${steps}:\n${errors.join('\n')}`);
      rows.push({ regions, steps, firstDrawMs, zoomMs, zoomSyncMs, stepMs, stepRepainted, lastWindow });
      await page.close();
    }
  } finally {
    await server.stop();
    await browser.close();
  }
  const lines = [
    '| size (regions × steps) | first draw ms | zoom redraw ms median / max | step move ms median / max | step move repaints cells |',
    '|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.regions} × ${r.steps} | ${fmt(r.firstDrawMs)} | ${fmt(median(r.zoomMs))} / ${fmt(Math.max(...r.zoomMs))} | ${fmt(median(r.stepMs))} / ${fmt(Math.max(...r.stepMs))} | ${r.stepRepainted ? 'yes' : 'no'} |`),
  ];
  console.log(lines.join('\n'));
  mkdirSync(OUT, { recursive: true });
  writeFileSync(path.join(OUT, 'ui-heatmap.json'), `${JSON.stringify({ at: new Date().toISOString(), rows }, null, 2)}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
