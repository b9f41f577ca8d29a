import type { LineSeriesOption } from 'echarts/charts';
import type { DataZoomComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { formatNumber } from './format.js';
import type { QcSeries } from './types.js';

export type QcOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | DataZoomComponentOption>;

/** Region lines: dark, saturated; trial types: light hues shaded behind them. */
export const LINE_COLORS = ['#1f4e79', '#b5462b', '#2a7f62', '#7b3f98', '#8a6d00', '#3d3d3d'];
/** Censored volumes: a neutral grey, hatched-looking under the coloured task bands. */
export const CENSORED_COLOR = '#6b7280';
export const EVENT_COLORS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#bab0ac'];

/** `#rrggbb` with an alpha, for the shading. */
function translucent(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Trial types in the order they first occur. */
export function trialTypesOf(series: QcSeries): string[] {
  return [...new Set(series.events.map((e) => e.trialType))];
}

/** Runs of consecutive volumes, as [first, last] inclusive, ascending. */
export function volumeRanges(volumes: readonly number[]): [number, number][] {
  const sorted = [...volumes].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const v of sorted) {
    const last = out[out.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else if (!last || v > last[1]) out.push([v, v]);
  }
  return out;
}

/**
 * The QC chart: each region's mean over time (seconds when the TR is known, else volumes) and
 * one shaded band per event, a legend entry per trial type so each can be hidden. With
 * cleaned series, each region's cleaned signal is overlaid, dashed, on a second axis (its
 * scale is that of the standardised signal, not of the raw means), and every censored volume
 * is shaded grey, one volume wide, consecutive ones merged.
 */
export function qcOption(series: QcSeries): QcOption {
  const tr = series.tr;
  const at = (volume: number) => (tr ? volume * tr : volume);
  const regionNames = new Set(series.regions.map((r) => r.name));
  const lines: LineSeriesOption[] = series.regions.map((region, i) => ({
    name: region.name,
    type: 'line',
    showSymbol: false,
    color: LINE_COLORS[i % LINE_COLORS.length],
    lineStyle: { width: 1.5 },
    data: region.values.map((value, volume) => [at(volume), value]),
    z: 3,
  }));
  // Event onsets are seconds: without a TR they cannot be placed on a volume axis.
  const types = tr ? trialTypesOf(series) : [];
  const bands: LineSeriesOption[] = types.map((type, i) => {
    const color = EVENT_COLORS[i % EVENT_COLORS.length];
    return {
      name: regionNames.has(type) ? `${type} (events)` : type,
      type: 'line',
      data: [],
      color,
      markArea: {
        silent: true,
        itemStyle: { color: translucent(color, 0.18) },
        data: series.events.filter((e) => e.trialType === type).map((e) => [{ xAxis: e.onset }, { xAxis: e.onset + e.duration }]),
      },
    };
  });
  const cleaned = series.cleaned;
  const cleanedLines: LineSeriesOption[] = (cleaned?.regions ?? []).map((region, i) => ({
    name: `${region.name} (cleaned)`,
    type: 'line',
    showSymbol: false,
    yAxisIndex: 1,
    color: LINE_COLORS[i % LINE_COLORS.length],
    lineStyle: { width: 1.5, type: 'dashed' },
    // null where censored: the line breaks there rather than bridging the gap.
    data: region.values.map((value, volume) => [at(volume), value]),
    connectNulls: false,
    z: 4,
  }));
  const censoredBand: LineSeriesOption[] = cleaned && cleaned.censored.length > 0 ? [{
    name: 'censored',
    type: 'line',
    data: [],
    color: CENSORED_COLOR,
    markArea: {
      silent: true,
      itemStyle: { color: translucent(CENSORED_COLOR, 0.3) },
      // A volume is acquired over one TR: shade half a volume either side of its time point.
      data: volumeRanges(cleaned.censored.map((c) => c.volume)).map(([a, b]) => [{ xAxis: at(a - 0.5) }, { xAxis: at(b + 0.5) }]),
    },
  }] : [];
  const all = [...lines, ...cleanedLines, ...bands, ...censoredBand];
  const yAxis = cleaned
    ? [{ type: 'value', name: 'Mean signal', scale: true }, { type: 'value', name: 'Cleaned', scale: true, splitLine: { show: false } }]
    : { type: 'value', name: 'Mean signal', scale: true };
  return {
    animation: false,
    grid: { left: 64, right: cleaned ? 64 : 24, top: 48, bottom: 64 },
    legend: { type: 'scroll', top: 8, data: all.map((s) => s.name as string) },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => qcTooltip(params, tr),
    },
    xAxis: { type: 'value', name: tr ? 'Time (s)' : 'Volume', nameLocation: 'middle', nameGap: 28, min: 0, max: at(Math.max(0, series.volumes - 1)) },
    yAxis,
    dataZoom: [{ type: 'inside', xAxisIndex: 0 }, { type: 'slider', xAxisIndex: 0, height: 16, bottom: 8 }],
    series: all,
  } as QcOption;
}

interface AxisParam { seriesName?: string; marker?: string; value?: unknown; dataIndex?: number }

/** The tooltip: the time and the volume it falls on, then each region's value there. */
export function qcTooltip(params: unknown, tr: number | null): string {
  const list = (Array.isArray(params) ? params : [params]) as AxisParam[];
  const first = list.find((p) => Array.isArray(p.value));
  if (!first) return '';
  const volume = first.dataIndex ?? 0;
  const head = tr ? `${formatNumber(volume * tr)} s · volume ${volume + 1}` : `volume ${volume + 1}`;
  const rows = list
    .filter((p) => Array.isArray(p.value))
    .map((p) => {
      const y = (p.value as unknown[])[1];
      return `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}: ${typeof y === 'number' ? formatNumber(y) : '—'}`;
    });
  return [head, ...rows].join('<br>');
}
