/** ECharts options of the saliency screen's two charts: the temporal profile and the region importance. */
import type { MeanSd } from '../../saliency/shown.js';

const fmt = (v: number) => Number(v.toPrecision(3));

/**
 * Mean |saliency| per step as a line, ± sd as a band (a transparent lower line with the band
 * stacked on it), and the current step as a vertical marker. x is the step index (volume − 1).
 */
export function temporalOption(temporal: MeanSd, step: number, tr: number | null) {
  const x = temporal.mean.map((_, i) => i);
  const sd = temporal.sd;
  const lower = sd ? temporal.mean.map((m, i) => m - (sd[i] ?? 0)) : null;
  const band = sd ? sd.map((s) => 2 * (s ?? 0)) : null;
  return {
    animation: false,
    grid: { left: 50, right: 16, top: 30, bottom: 36 },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'category', data: x, name: tr !== null ? 'volume (s)' : 'volume',
      axisLabel: { formatter: (v: string) => (tr !== null ? `${Number(v) + 1} (${fmt(Number(v) * tr)})` : String(Number(v) + 1)) },
    },
    yAxis: { type: 'value', name: 'mean |saliency|', scale: true },
    series: [
      ...(lower && band ? [
        { name: 'lower', type: 'line', data: lower, stack: 'sd', symbol: 'none', lineStyle: { opacity: 0 }, silent: true },
        { name: '± sd', type: 'line', data: band, stack: 'sd', symbol: 'none', lineStyle: { opacity: 0 }, areaStyle: { opacity: 0.2 }, silent: true },
      ] : []),
      {
        name: 'mean', type: 'line', data: temporal.mean, symbolSize: 6, triggerEvent: true,
        markLine: { symbol: 'none', silent: true, animation: false, data: [{ xAxis: step }], lineStyle: { color: '#a8322b' }, label: { show: false } },
      },
    ],
  };
}

export interface ImportanceBar {
  region: number;
  name: string;
  mean: number;
  sd: number | null;
}

/** The `count` regions with the largest mean importance, largest first. */
export function importanceBars(importance: MeanSd, names: string[], count = 20): ImportanceBar[] {
  return importance.mean
    .map((mean, region) => ({ region, name: names[region], mean, sd: importance.sd?.[region] ?? null }))
    .filter((b) => Number.isFinite(b.mean))
    .sort((a, b) => b.mean - a.mean || a.region - b.region)
    .slice(0, count);
}

/** Horizontal bars (largest on top), whiskers ± sd, the selected region highlighted. */
export function importanceOption(bars: ImportanceBar[], selected: number | null) {
  const shown = [...bars].reverse();
  return {
    animation: false,
    grid: { left: 140, right: 16, top: 8, bottom: 28 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', name: 'share of saliency' },
    yAxis: { type: 'category', data: shown.map((b) => b.name) },
    series: [
      {
        name: 'mean', type: 'bar',
        data: shown.map((b) => ({ value: b.mean, itemStyle: { color: b.region === selected ? '#a8322b' : '#2b5f8a' } })),
      },
      {
        name: '± sd', type: 'custom', silent: true, z: 3, encode: { x: [1, 2], y: 0 },
        data: shown.map((b, i) => [i, b.mean - (b.sd ?? 0), b.mean + (b.sd ?? 0)]),
        renderItem: errorBar,
      },
    ],
  };
}

interface CustomApi {
  value(dim: number): number;
  coord(point: [number, number]): [number, number];
  size(point: [number, number]): [number, number];
}

/** One whisker: a horizontal line from mean − sd to mean + sd, with end caps. */
function errorBar(_params: unknown, api: CustomApi) {
  const y = api.value(0);
  const lo = api.coord([api.value(1), y]);
  const hi = api.coord([api.value(2), y]);
  const cap = api.size([0, 1])[1] * 0.2;
  const style = { stroke: '#1d2430', lineWidth: 1 };
  return {
    type: 'group',
    children: [
      { type: 'line', shape: { x1: lo[0], y1: lo[1], x2: hi[0], y2: hi[1] }, style },
      { type: 'line', shape: { x1: lo[0], y1: lo[1] - cap, x2: lo[0], y2: lo[1] + cap }, style },
      { type: 'line', shape: { x1: hi[0], y1: hi[1] - cap, x2: hi[0], y2: hi[1] + cap }, style },
    ],
  };
}
