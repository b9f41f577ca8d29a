// The heatmap bench page: SaliencyHeatmap on a synthetic matrix (?regions=400&steps=1200 by
// default), with window.bench.* for bench/ui/heatmap.ts to time the first draw, a zoom and a
// step move, each until the browser has painted the frame after it.
import { getInstanceByDom } from 'echarts/core';
import { createApp, h, nextTick, ref } from 'vue';
import SaliencyHeatmap from '../src/components/saliency/SaliencyHeatmap.vue';
import type { Matrix } from '../src/saliency/matrix.js';

const query = new URLSearchParams(location.search);
const regionCount = Number(query.get('regions') ?? 400);
const stepCount = Number(query.get('steps') ?? 1200);

/** Smooth blobs plus a little deterministic noise: something like a saliency map. */
function synthetic(rows: number, cols: number): Matrix {
  const data = new Float32Array(rows * cols);
  let seed = 1;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let t = 0; t < rows; t++) for (let r = 0; r < cols; r++) data[t * cols + r] = Math.abs(Math.sin(t / 37 + r / 11) * Math.cos(r / 23)) + 0.1 * noise();
  return { rows, cols, data };
}

const matrix = synthetic(stepCount, regionCount);
const regions = Array.from({ length: regionCount }, (_, i) => `Region_${String(i + 1).padStart(3, '0')}_L`);
const order = regions.map((_, i) => i).reverse();
const step = ref(0);
let drawn = 0;

/** Resolves after the next frame has been painted (rAF runs before paint; the timeout after it). */
const painted = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

const host = document.getElementById('app')!;
host.style.cssText = 'width: 1280px; height: 720px;';

function chartOf() {
  const dom = host.querySelector('.chart') as HTMLElement;
  const chart = getInstanceByDom(dom);
  if (!chart) throw new Error('no chart');
  return chart;
}

const heatmap = ref<{ toPng(): string }>();
const app = createApp({
  setup: () => () => h(SaliencyHeatmap, {
    ref: heatmap,
    matrix, regions, order, tr: 2, step: step.value, selectedRegion: 7, colormap: 'inferno', range: [0, 1],
    onDrawn: () => drawn++,
    'onSelect-step': (s: number) => (step.value = s),
  }),
});
const cells = () => host.querySelector('[data-testid="heatmap-cells"]') as HTMLCanvasElement;

Object.assign(window, {
  bench: {
    size: { regions: regionCount, steps: stepCount },
    /** Mount → first complete draw (cells and chart), ms. */
    async mount(): Promise<number> {
      const t0 = performance.now();
      app.mount(host);
      await nextTick();
      await painted();
      const ms = performance.now() - t0;
      if (drawn === 0) throw new Error('the cells were never drawn');
      return ms;
    },
    /** A zoom to steps [a, b] and display rows [c, d] (dispatchAction), until painted, ms. */
    async zoom(a: number, b: number, c: number, d: number): Promise<{ ms: number; syncMs: number }> {
      const chart = chartOf();
      const before = drawn;
      const t0 = performance.now();
      chart.dispatchAction({ type: 'dataZoom', batch: [{ dataZoomId: 'x-inside', startValue: a, endValue: b }, { dataZoomId: 'y-inside', startValue: c, endValue: d }] });
      const syncMs = performance.now() - t0;
      await painted();
      const ms = performance.now() - t0;
      if (drawn === before) throw new Error('the zoom did not repaint the cells');
      return { ms, syncMs };
    },
    /** The window the cells show now: "step0,steps,row0,rows". */
    window: () => cells().dataset.window,
    /** Moves the step marker, until painted, ms; also reports whether the cells were repainted (they must not be). */
    async stepMove(to: number): Promise<{ ms: number; repainted: boolean }> {
      const before = drawn;
      const t0 = performance.now();
      step.value = to;
      await nextTick();
      await painted();
      return { ms: performance.now() - t0, repainted: drawn !== before };
    },
    /** The heatmap's "Save PNG" image, as a data URL. */
    png: () => heatmap.value?.toPng() ?? '',
    /** The cell image's pixel at CSS (x, y) inside the cells canvas, for a sanity check. */
    pixel(x: number, y: number): number[] {
      return Array.from(cells().getContext('2d')!.getImageData(x, y, 1, 1).data);
    },
  },
});
