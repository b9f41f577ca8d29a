import type { EpochMetrics } from '../../../jobs/types.js';
import { renderChartSvg } from './render.js';

/** Training and validation loss per epoch as SVG, with the best epoch marked. */
export function trainingSvg(metrics: EpochMetrics[], bestEpoch: number): string {
  const epochs = metrics.map((m) => String(m.epoch));
  return renderChartSvg(
    {
      grid: { left: 70, right: 30, top: 40, bottom: 55 },
      legend: { data: ['training loss', 'validation loss'], top: 5 },
      xAxis: { type: 'category', data: epochs, boundaryGap: false, name: 'epoch', nameLocation: 'middle', nameGap: 30 },
      yAxis: { type: 'value', name: 'loss', nameLocation: 'middle', nameGap: 50, scale: true },
      series: [
        { name: 'training loss', type: 'line', data: metrics.map((m) => m.trainLoss), symbol: 'none', lineStyle: { color: '#3182bd' }, itemStyle: { color: '#3182bd' } },
        {
          name: 'validation loss', type: 'line', data: metrics.map((m) => m.valLoss), symbol: 'none', lineStyle: { color: '#e6550d' }, itemStyle: { color: '#e6550d' },
          markLine: { symbol: 'none', silent: true, label: { formatter: `best epoch ${bestEpoch}` }, lineStyle: { color: '#636363', type: 'dashed' }, data: [{ xAxis: String(bestEpoch) }] },
        },
      ],
    },
    760,
    260,
  );
}
