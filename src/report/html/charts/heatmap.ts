import { YL_OR_RD } from '../colormap.js';
import { renderChartSvg } from './render.js';

export interface HeatmapInput {
  /** Mean |map| per region and step, [regions × time] row-major. */
  regionByTime: Float64Array;
  time: number;
  /** Region indices to draw, top row first. */
  rows: number[];
  names: string[];
  /** Label of each time step on the x axis. */
  stepLabels: string[];
  xName: string;
}

/** Region × time heatmap of mean |saliency| as SVG: one row per region in `rows` order. */
export function heatmapSvg(input: HeatmapInput): string {
  const { regionByTime, time, rows, names, stepLabels } = input;
  const data: [number, number, number][] = [];
  let max = 0;
  rows.forEach((r, y) => {
    for (let t = 0; t < time; t++) {
      const v = regionByTime[r * time + t];
      data.push([t, y, v]);
      if (v > max) max = v;
    }
  });
  const rowHeight = rows.length > 20 ? 16 : 22;
  const height = 110 + rows.length * rowHeight;
  const width = 760;
  return renderChartSvg(
    {
      grid: { left: 190, right: 90, top: 20, bottom: 70 },
      xAxis: { type: 'category', data: stepLabels, name: input.xName, nameLocation: 'middle', nameGap: 30, splitArea: { show: false } },
      yAxis: { type: 'category', data: rows.map((r) => names[r]), inverse: true, axisLabel: { fontSize: 11, width: 175, overflow: 'truncate' } },
      visualMap: {
        type: 'continuous', min: 0, max: max > 0 ? max : 1, calculable: false, orient: 'vertical', right: 10, top: 'center',
        itemHeight: Math.min(200, rows.length * rowHeight - 20), precision: 4, text: ['high', 'low'],
        inRange: { color: YL_OR_RD.stops },
      },
      series: [{ type: 'heatmap', data, progressive: 0 }],
    },
    width,
    height,
  );
}
