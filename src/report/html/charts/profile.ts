import { renderChartSvg } from './render.js';

export interface ProfileInput {
  mean: ArrayLike<number>;
  sd: ArrayLike<number>;
  stepLabels: string[];
  xName: string;
  yName: string;
}

/**
 * Temporal profile of saliency as SVG: the mean line over a shaded ±1 sd band (drawn as a
 * stacked area: the band's lower edge, then its height). Without an sd (one sample) only the line.
 */
export function profileSvg(input: ProfileInput): string {
  const { mean, sd, stepLabels } = input;
  const n = stepLabels.length;
  const means = Array.from({ length: n }, (_, t) => mean[t]);
  const hasBand = Array.from({ length: n }, (_, t) => sd[t]).every(Number.isFinite);
  const lower = means.map((m, t) => m - sd[t]);
  const band = means.map((_, t) => 2 * sd[t]);
  const bandSeries = hasBand
    ? [
        { name: 'lower', type: 'line' as const, data: lower, stack: 'band', stackStrategy: 'all' as const, lineStyle: { opacity: 0 }, symbol: 'none', silent: true },
        { name: '± 1 sd', type: 'line' as const, data: band, stack: 'band', stackStrategy: 'all' as const, lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: '#9ecae1', opacity: 0.6 }, itemStyle: { color: '#9ecae1' } },
      ]
    : [];
  return renderChartSvg(
    {
      grid: { left: 80, right: 30, top: 40, bottom: 60 },
      legend: { data: hasBand ? ['mean', '± 1 sd'] : ['mean'], top: 5 },
      xAxis: { type: 'category', data: stepLabels, boundaryGap: false, name: input.xName, nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', name: input.yName, nameLocation: 'middle', nameGap: 60 },
      series: [...bandSeries, { name: 'mean', type: 'line', data: means, symbol: 'circle', symbolSize: 5, lineStyle: { color: '#08519c', width: 2 }, itemStyle: { color: '#08519c' } }],
    },
    760,
    320,
  );
}
