// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import SaliencyHeatmap from '../../renderer/src/components/saliency/SaliencyHeatmap.vue';
import { colourAt } from '../../renderer/src/saliency/colormap.js';
import type { Matrix } from '../../renderer/src/saliency/matrix.js';

// ECharts needs a real canvas: a fake chart records the options it is given and lets the test
// fire its events; the dataZoom window is what the test says ECharts settled on.
type Handler = (e: { offsetX: number; offsetY: number }) => void;
class FakeChart {
  options: Record<string, any>[] = [];
  events = new Map<string, () => void>();
  zr = new Map<string, Handler>();
  zoom: { x?: [number, number]; y?: [number, number] } = {};
  setOption(o: Record<string, any>) {
    this.options.push(o);
    if (o.dataZoom) this.zoom = {};
  }
  getOption() {
    const z = (id: string, v?: [number, number]) => ({ id, startValue: v?.[0], endValue: v?.[1] });
    return { dataZoom: [z('x-inside', this.zoom.x), z('y-inside', this.zoom.y)] };
  }
  on(name: string, fn: () => void) {
    this.events.set(name, fn);
  }
  getZr() {
    return { on: (name: string, fn: Handler) => this.zr.set(name, fn) };
  }
  resize() {}
  dispose() {}
  renderToCanvas() {
    return chartPicture;
  }
}
let chart: FakeChart;
vi.mock('../../renderer/src/components/chart.js', () => ({ initChart: () => (chart = new FakeChart()) }));

// happy-dom has no 2D context: a fake one per canvas records what is drawn on it.
interface FakeImage { width: number; height: number; data: Uint8ClampedArray }
interface FakeContext { puts: FakeImage[]; draws: unknown[][]; imageSmoothingEnabled: boolean }
const contexts = new Map<HTMLCanvasElement, FakeContext>();
function contextOf(canvas: HTMLCanvasElement): FakeContext {
  let ctx = contexts.get(canvas);
  if (!ctx) {
    const c: FakeContext = { puts: [], draws: [], imageSmoothingEnabled: true };
    ctx = Object.assign(c, {
      createImageData: (width: number, height: number) => ({ width, height, data: new Uint8ClampedArray(width * height * 4) }),
      putImageData: (img: FakeImage) => c.puts.push({ ...img, data: img.data.slice() }),
      drawImage: (...args: unknown[]) => c.draws.push(args),
      clearRect: () => {},
      fillRect: () => {},
      fillStyle: '',
    });
    contexts.set(canvas, ctx);
  }
  return ctx;
}
let chartPicture: HTMLCanvasElement;
const saved: PropertyDescriptor[] = [];
beforeAll(() => {
  const proto = HTMLCanvasElement.prototype as unknown as Record<string, unknown>;
  saved.push(Object.getOwnPropertyDescriptor(proto, 'getContext')!, Object.getOwnPropertyDescriptor(proto, 'toDataURL')!);
  proto.getContext = function (this: HTMLCanvasElement) { return contextOf(this); };
  proto.toDataURL = () => 'data:image/png;base64,AAAA';
  // The chart is 800 × 600: the grid is x 150, y 12, 540 × 510 (HEATMAP_MARGINS).
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
});
afterAll(() => {
  const proto = HTMLCanvasElement.prototype as unknown as Record<string, unknown>;
  Object.defineProperty(proto, 'getContext', saved[0]);
  Object.defineProperty(proto, 'toDataURL', saved[1]);
  delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientWidth;
  delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientHeight;
});
beforeEach(() => {
  contexts.clear();
  chartPicture = document.createElement('canvas');
});

/** 3 steps × 4 regions, cell (t, r) = 10·t + r. */
const matrix: Matrix = { rows: 3, cols: 4, data: Float32Array.from({ length: 12 }, (_, i) => 10 * Math.floor(i / 4) + (i % 4)) };
const regions = ['R0', 'R1', 'R2', 'R3'];
const base = { matrix, regions, order: [3, 1, 0], tr: 2, step: 0, selectedRegion: null as number | null, colormap: 'inferno' as const, range: [0, 23] as [number, number] };

/** The inferno colour of `value` on [lo, hi], as an independent reference: index = round(255 · (v − lo) / (hi − lo)). */
const inferno = (value: number, lo: number, hi: number) => [...colourAt('inferno', Math.round((255 * (value - lo)) / (hi - lo)) / 255), 255];

function setup(props: Partial<typeof base> = {}) {
  const wrapper = mount(SaliencyHeatmap, { props: { ...base, ...props }, attachTo: document.body });
  const cells = wrapper.get('[data-testid="heatmap-cells"]').element as HTMLCanvasElement;
  /** The cell images put on the offscreen canvas, oldest first. */
  const images = () => [...contexts.entries()].filter(([c]) => c !== cells && c !== chartPicture).flatMap(([, ctx]) => ctx.puts);
  return { wrapper, cells, images, last: () => images().at(-1)! };
}

describe('the saliency heatmap', () => {
  it('paints every cell once, time across and regions down in the given order, through the colour scale', () => {
    const { last, images } = setup();
    expect(images()).toHaveLength(1);
    expect([last().width, last().height]).toEqual([3, 3]);
    // Rows: regions 3, 1, 0; columns: steps 0, 1, 2.
    const expected = [3, 13, 23, 1, 11, 21, 0, 10, 20].flatMap((v) => inferno(v, 0, 23));
    expect([...last().data]).toEqual(expected);
  });

  it('scales the cell image onto the grid without smoothing', async () => {
    const { cells, wrapper } = setup();
    await nextTick();
    const ctx = contextOf(cells);
    expect(ctx.imageSmoothingEnabled).toBe(false);
    expect(ctx.draws.at(-1)!.slice(1)).toEqual([0, 0, 3, 3, 0, 0, 540, 510]);
    expect([cells.width, cells.height]).toEqual([540, 510]);
    expect(wrapper.get('[data-testid="heatmap-cells"]').attributes('style')).toContain('left: 150px; top: 12px; width: 540px; height: 510px');
  });

  it('names the regions in display order and the volumes with their times', () => {
    setup();
    const option = chart.options[0];
    expect(option.yAxis.data).toEqual(['R3', 'R1', 'R0']);
    expect(option.xAxis.data).toEqual(['1\n0 s', '2\n2 s', '3\n4 s']);
    expect(option.visualMap[0]).toMatchObject({ min: 0, max: 23 });
  });

  it('repaints only the window the dataZoom leaves', async () => {
    const { last, cells } = setup();
    chart.zoom = { x: [1, 2], y: [1, 2] };
    chart.events.get('datazoom')!();
    // Steps 1, 2 of the order's rows 1, 2: regions 1 and 0.
    expect([last().width, last().height]).toEqual([2, 2]);
    expect([...last().data]).toEqual([11, 21, 10, 20].flatMap((v) => inferno(v, 0, 23)));
    await nextTick();
    expect(cells.dataset.window).toBe('1,2,1,2');
  });

  it('recolours for a new range and a new order, but a step move repaints nothing', async () => {
    const { wrapper, last, images } = setup();
    await wrapper.setProps({ range: [0, 46] });
    expect([...last().data.slice(0, 8)]).toEqual([...inferno(3, 0, 46), ...inferno(13, 0, 46)]);
    expect(chart.options.at(-1)!.visualMap[0]).toMatchObject({ min: 0, max: 46 });
    await wrapper.setProps({ order: [2] });
    expect([last().width, last().height]).toEqual([3, 1]);
    expect([...last().data]).toEqual([2, 12, 22].flatMap((v) => inferno(v, 0, 46)));
    const painted = images().length;
    const options = chart.options.length;
    await wrapper.setProps({ step: 2 });
    expect(images()).toHaveLength(painted);
    expect(chart.options.slice(options)).toEqual([{ series: [{ id: 'step', data: [[2, 0]] }] }]);
  });

  it('highlights the selected region\u2019s row, wherever the order puts it', async () => {
    const { wrapper } = setup({ selectedRegion: 0 });
    expect(chart.options[0].series.find((s: { id: string }) => s.id === 'selection').data).toEqual([[0, 2]]);
    await wrapper.setProps({ selectedRegion: 3 });
    expect(chart.options.at(-1)).toEqual({ series: [{ id: 'selection', data: [[0, 0]] }] });
    await wrapper.setProps({ selectedRegion: null });
    expect(chart.options.at(-1)).toEqual({ series: [{ id: 'selection', data: [] }] });
  });

  // Cells are 180 × 170 px: the cell of step 2 on display row 1 (region 1) starts at (510, 182).
  it('selects the region and the step of a clicked cell, and ignores clicks off the grid', () => {
    const { wrapper } = setup();
    chart.zr.get('click')!({ offsetX: 515, offsetY: 190 });
    chart.zr.get('click')!({ offsetX: 100, offsetY: 190 });
    expect(wrapper.emitted('select-region')).toEqual([[1]]);
    expect(wrapper.emitted('select-step')).toEqual([[2]]);
  });

  it('reports the hovered cell once per cell and shows its region, time and value', async () => {
    const { wrapper } = setup();
    chart.zr.get('mousemove')!({ offsetX: 515, offsetY: 190 });
    chart.zr.get('mousemove')!({ offsetX: 600, offsetY: 300 });
    await nextTick();
    expect(wrapper.emitted('hover')).toEqual([[{ region: 1, step: 2, value: 21 }]]);
    expect(wrapper.get('[data-testid="heatmap-hover"]').text()).toBe('R1volume 3 · 4 s21');
    chart.zr.get('globalout')!({ offsetX: 0, offsetY: 0 });
    await nextTick();
    expect(wrapper.emitted('hover')!.at(-1)).toEqual([null]);
    expect(wrapper.find('[data-testid="heatmap-hover"]').exists()).toBe(false);
  });

  it('saves the cells under the chart\u2019s axes as one PNG', () => {
    const { wrapper, cells } = setup();
    const png = (wrapper.vm as unknown as { toPng(): string }).toPng();
    expect(png).toBe('data:image/png;base64,AAAA');
    const composite = [...contexts.entries()].find(([c, ctx]) => c !== cells && ctx.draws.some((d) => d[0] === chartPicture))![1];
    expect(composite.draws.map((d) => [d[0] === cells ? 'cells' : d[0] === chartPicture ? 'chart' : '?', ...d.slice(1)])).toEqual([
      ['cells', 150, 12, 540, 510], ['chart', 0, 0, 800, 600],
    ]);
  });
});
