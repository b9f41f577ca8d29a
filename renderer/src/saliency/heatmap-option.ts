/**
 * The ECharts option around the heatmap's cell image: category axes (time across, regions down),
 * dataZoom inside + slider on both, a colour bar, and the two marks (the slider's step, the
 * selected region's row) as tiny custom series, so moving either is a one-series update and
 * never repaints the cells. The cells themselves are not in the option (see heatmap-image.ts).
 */
import type { EChartsCoreOption } from 'echarts/core';
import { stepLabel, timeAxisName, valueText } from './axis-labels.js';
import type { GridMargins } from './cell-at.js';
import { cssStops, type ColormapName } from './colormap.js';

/** Room for region names on the left, the region slider and colour bar on the right, time labels and slider below. */
export const HEATMAP_MARGINS: GridMargins = { left: 150, right: 110, top: 12, bottom: 78 };

export const MARK_COLOUR = '#00e5ff';

export interface HeatmapOptionInput {
  /** Region names in display order, top to bottom. */
  rowNames: string[];
  steps: number;
  tr: number | null;
  step: number;
  /** Display row of the selected region, or null. */
  selectedRow: number | null;
  colormap: ColormapName;
  range: [number, number];
  /** Category interval of the region names (labelInterval): ECharts' estimate overlaps them. */
  rowLabelInterval: number;
}

interface RenderParams { coordSys: unknown }
interface RenderApi { value(dim: number): number; coord(v: number[]): number[]; size(v: number[]): number[] }
type Box = { x: number; y: number; width: number; height: number };

function renderStep(params: RenderParams, api: RenderApi) {
  const box = params.coordSys as Box;
  const [x] = api.coord([api.value(0), 0]);
  return { type: 'line', shape: { x1: x, y1: box.y, x2: x, y2: box.y + box.height }, style: { stroke: MARK_COLOUR, lineWidth: 2, shadowBlur: 2, shadowColor: '#000' } };
}

function renderSelection(params: RenderParams, api: RenderApi) {
  const box = params.coordSys as Box;
  const [, y] = api.coord([0, api.value(1)]);
  const h = api.size([0, 1])[1];
  return { type: 'rect', shape: { x: box.x + 1, y: y - h / 2, width: box.width - 2, height: h }, style: { fill: 'rgba(0, 229, 255, 0.12)', stroke: MARK_COLOUR, lineWidth: 2 } };
}

/** The step marker's data: one point at `step`, none when it is outside the matrix. */
export function stepData(step: number, steps: number): [number, number][] {
  return Number.isInteger(step) && step >= 0 && step < steps ? [[step, 0]] : [];
}

/** The selection's data: one point on the selected display row, or none. */
export function selectionData(row: number | null): [number, number][] {
  return row === null || row < 0 ? [] : [[0, row]];
}

/** The colour bar: the scale's colours over the range, its ends labelled. */
export function colourBar(colormap: ColormapName, range: [number, number]) {
  const [lo, hi] = range;
  return {
    id: 'colour-bar', type: 'continuous', min: lo, max: hi > lo ? hi : lo + 1, seriesIndex: [], calculable: false, hoverLink: false,
    orient: 'vertical', right: 8, top: HEATMAP_MARGINS.top + 18, itemWidth: 12, itemHeight: 160,
    text: [valueText(hi), valueText(lo)], textGap: 6, inRange: { color: cssStops(colormap) }, textStyle: { fontSize: 11 },
  };
}

/** The whole option; `dataZoom` starts at the full extent (so a new option also resets the zoom). */
export function heatmapOption(input: HeatmapOptionInput): EChartsCoreOption {
  const m = HEATMAP_MARGINS;
  const steps = Array.from({ length: input.steps }, (_, i) => stepLabel(i, input.tr));
  const zoom = { filterMode: 'none', start: 0, end: 100, throttle: 0 };
  return {
    animation: false,
    backgroundColor: 'transparent',
    // Fixed pixel margins: the cell image is laid on exactly this rectangle.
    grid: { left: m.left, right: m.right, top: m.top, bottom: m.bottom, outerBoundsMode: 'none' },
    xAxis: {
      type: 'category', data: steps, name: timeAxisName(input.tr), nameLocation: 'middle', nameGap: input.tr ? 48 : 32,
      axisLabel: { hideOverlap: true, fontSize: 11, lineHeight: 14 }, axisTick: { alignWithLabel: true }, splitLine: { show: false },
    },
    yAxis: {
      type: 'category', data: input.rowNames, inverse: true,
      axisLabel: { interval: input.rowLabelInterval, width: m.left - 14, overflow: 'truncate', fontSize: 11 }, axisTick: { alignWithLabel: true }, splitLine: { show: false },
    },
    dataZoom: [
      { ...zoom, id: 'x-inside', type: 'inside', xAxisIndex: 0 },
      { ...zoom, id: 'x-slider', type: 'slider', xAxisIndex: 0, bottom: 6, height: 16, showDataShadow: false, brushSelect: true, labelFormatter: (i: number) => String(i + 1) },
      { ...zoom, id: 'y-inside', type: 'inside', yAxisIndex: 0 },
      { ...zoom, id: 'y-slider', type: 'slider', yAxisIndex: 0, right: 64, width: 16, top: m.top, bottom: m.bottom, showDataShadow: false, brushSelect: true, showDetail: false },
    ],
    visualMap: [colourBar(input.colormap, input.range)],
    series: [
      { id: 'step', type: 'custom', renderItem: renderStep, data: stepData(input.step, input.steps), encode: { x: 0, y: 1 }, clip: true, silent: true, z: 5 },
      { id: 'selection', type: 'custom', renderItem: renderSelection, data: selectionData(input.selectedRow), encode: { x: 0, y: 1 }, clip: true, silent: true, z: 4 },
    ],
  };
}
