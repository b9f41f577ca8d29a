/// <reference types="vite/client" />
// The brain bench page: BrainView on the bundled ch2bet template and AAL atlas (or the atlas in
// `?atlas=<url>&names=<url>`, MRIcron names), with synthetic values. `window.brain` drives it
// for test/e2e/brain-view.test.ts and bench/ui/brain.ts.
import { createApp, h, nextTick, ref, shallowRef } from 'vue';
import BrainView, { type BrainHover, type BrainLayout } from '../src/components/brain/BrainView.vue';
import type { ColormapName } from '../src/saliency/colormap.js';
import templateUrl from '../../assets/templates/ch2bet.nii.gz?url';
import aalUrl from '../../assets/atlases/aal.nii.gz?url';
import aalNames from '../../assets/atlases/aal.nii.txt?raw';

type View = InstanceType<typeof BrainView>;

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** MRIcron names: `index name [code]` per line, index = the label value. */
function parseNames(text: string): { labels: number[]; names: string[] } {
  const labels: number[] = [], names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const [index, name] = line.trim().split(/\s+/);
    if (!index || !name || !/^\d+$/.test(index) || index === '0') continue;
    labels.push(Number(index));
    names.push(name);
  }
  return { labels, names };
}

async function bytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** Deterministic pseudo-random values in [0, 1) (mulberry32), one per region. */
function synthetic(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  });
}

async function main(): Promise<void> {
  const query = new URLSearchParams(location.search);
  const atlasUrl = query.get('atlas') ?? aalUrl;
  const { labels, names } = parseNames(query.get('names') ? await (await fetch(query.get('names')!)).text() : aalNames);
  const [template, atlas] = await Promise.all([bytes(templateUrl), bytes(atlasUrl)]);
  const volumes = {
    template: { name: 'ch2bet.nii.gz', base64: toBase64(template) },
    // NiiVue tells the format by the name's extension; the bundled files' names carry Vite's hash.
    atlas: { name: 'atlas.nii.gz', base64: toBase64(atlas) },
    labels, templateName: 'ch2bet', atlasName: atlasUrl,
  };
  const values = shallowRef(synthetic(labels.length, 1));
  const range = ref<[number, number]>([0, 1]);
  const threshold = ref(0);
  const opacity = ref(0.8);
  const layout = ref<BrainLayout>('multiplanar');
  const colormap = ref<ColormapName>('inferno');
  const selectedRegion = ref<number | null>(null);
  const view = shallowRef<View | null>(null);
  let lastHover: BrainHover | null = null;
  let drawnCount = 0;
  let onDrawn: (() => void) | null = null;
  let error: string | null = null;
  const t0 = performance.now();
  let firstDrawnMs: number | null = null;
  const snaps = new Map<string, ImageData>();

  createApp({
    render: () => h(BrainView, {
      ref: (el: unknown) => (view.value = el as View | null),
      volumes, regions: names, values: values.value, colormap: colormap.value, range: range.value,
      threshold: threshold.value, opacity: opacity.value, layout: layout.value, selectedRegion: selectedRegion.value,
      onHover: (info: BrainHover | null) => (lastHover = info),
      onSelectRegion: (region: number) => (selectedRegion.value = region),
      onError: (message: string) => (error = message),
      onDrawn: () => {
        drawnCount++;
        if (firstDrawnMs === null) {
          // Waits for the GPU to have drawn it (WebGL returns before the work is done).
          const gl = document.querySelector<HTMLCanvasElement>('[data-testid="brain-canvas"]')!.getContext('webgl2')!;
          gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
          firstDrawnMs = performance.now() - t0;
        }
        onDrawn?.();
      },
    }),
  }).mount('#app');

  /**
   * Applies a change and resolves with ms to the view's `drawn` (the CPU side: WebGL queues its
   * work), to the GPU having done it (a 1-pixel readback waits for it), and to the next frame.
   */
  function timed(change: () => void): Promise<{ drawnMs: number; gpuMs: number; frameMs: number }> {
    return new Promise((resolve) => {
      const start = performance.now();
      onDrawn = () => {
        onDrawn = null;
        const drawnMs = performance.now() - start;
        const gl = document.querySelector<HTMLCanvasElement>('[data-testid="brain-canvas"]')!.getContext('webgl2')!;
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
        const gpuMs = performance.now() - start;
        requestAnimationFrame(() => resolve({ drawnMs, gpuMs, frameMs: performance.now() - start }));
      };
      change();
    });
  }

  /**
   * A slider dragged (or Play at its fastest): `count` new values every `everyMs` ms, as input
   * events come. Resolves with how many times the view drew meanwhile, and the ms from the last
   * change to the GPU having drawn it: with repaints coalesced this stays about one repaint, and
   * without it grows with the backlog.
   */
  function drag(count: number, everyMs: number): Promise<{ changes: number; draws: number; lastMs: number }> {
    const gl = document.querySelector<HTMLCanvasElement>('[data-testid="brain-canvas"]')!.getContext('webgl2')!;
    const before = drawnCount;
    return new Promise((resolve) => {
      let i = 0;
      const step = () => {
        const drawnBefore = drawnCount;
        const start = performance.now();
        values.value = synthetic(labels.length, 5000 + i);
        if (++i < count) {
          setTimeout(step, everyMs);
          return;
        }
        // Whichever draw comes next paints the latest values (they are props: a repaint reads them).
        const done = () => {
          gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
          resolve({ changes: count, draws: drawnCount - before, lastMs: performance.now() - start });
        };
        void nextTick(() => {
          if (drawnCount > drawnBefore) done();
          else onDrawn = () => {
            onDrawn = null;
            done();
          };
        });
      };
      step();
    });
  }

  const api = {
    drag,
    regions: names.length,
    violations,
    error: () => error,
    firstDrawnMs: () => firstDrawnMs,
    drawnCount: () => drawnCount,
    lastHover: () => lastHover,
    selected: () => selectedRegion.value,
    names: () => names,
    setValues: (seed: number) => timed(() => (values.value = synthetic(labels.length, seed))),
    setThreshold: (t: number) => timed(() => (threshold.value = t)),
    setOpacity: (o: number) => timed(() => (opacity.value = o)),
    setRange: (lo: number, hi: number) => timed(() => (range.value = [lo, hi])),
    setColormap: (c: ColormapName) => timed(() => (colormap.value = c)),
    setLayout: (l: BrainLayout) => timed(() => (layout.value = l)),
    select: (region: number | null) => timed(() => (selectedRegion.value = region)),
    pointOf: (region: number) => view.value?.pointOf(region) ?? null,
    centroids: () => view.value?.centroids() ?? [],
    png: () => view.value?.toPng() ?? '',
    /** Keeps the canvas's pixels now under `name`; returns how many are not the black background. */
    snap: (name: string) => {
      const img = view.value?.pixels();
      if (!img) return -1;
      snaps.set(name, img);
      let n = 0;
      for (let i = 0; i < img.data.length; i += 4) if (img.data[i] || img.data[i + 1] || img.data[i + 2]) n++;
      return n;
    },
    /** Pixels that differ between two kept snapshots. */
    diff: (a: string, b: string) => {
      const x = snaps.get(a)!.data, y = snaps.get(b)!.data;
      if (x.length !== y.length) return Infinity;
      let n = 0;
      for (let i = 0; i < x.length; i += 4) if (x[i] !== y[i] || x[i + 1] !== y[i + 1] || x[i + 2] !== y[i + 2]) n++;
      return n;
    },
    /** Pixels that are not grey (template) or black: painted by the atlas (or the crosshair). */
    coloured: (name: string) => {
      const d = snaps.get(name)!.data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[i + 1]) > 8 || Math.abs(d[i + 1] - d[i + 2]) > 8) n++;
      return n;
    },
    settle: () => nextTick(),
  };
  (window as unknown as { brain: typeof api }).brain = api;
}

main().catch((e: unknown) => {
  (window as unknown as { brainError: string }).brainError = e instanceof Error ? e.message : String(e);
});
