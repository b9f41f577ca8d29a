import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { EpochMetrics } from '../../types.js';

export type CurvesOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | MarkLineComponentOption>;

/** Training blue and solid, validation orange and dashed, in both panels. */
const TRAIN_COLOR = '#1f4e79';
const VAL_COLOR = '#c0622b';

export const SERIES_NAMES = {
  trainLoss: 'training loss', valLoss: 'validation loss', trainAccuracy: 'training accuracy', valAccuracy: 'validation accuracy',
} as const;

/**
 * Loss (top) and accuracy in % (bottom) per epoch, training solid and validation dashed, one
 * point per epoch; the best epoch so far (the monitor's pick) is marked on both. The epoch
 * axis grows with the epochs (not the planned ones: early stopping often ends far sooner).
 */
export function curvesOption(metrics: readonly EpochMetrics[]): CurvesOption {
  const points = (f: (m: EpochMetrics) => number): [number, number][] => metrics.map((m) => [m.epoch, f(m)]);
  const best = metrics.length ? metrics[metrics.length - 1].bestEpoch : 0;
  const mark: Pick<LineSeriesOption, 'markLine'> = best > 0 ? { markLine: { symbol: 'none', silent: true, label: { formatter: `best ${best}` }, data: [{ xAxis: best }] } } : {};
  const pct = (x: number) => Math.round(x * 1000) / 10;
  // A dot per epoch while they are few enough to tell apart.
  const dots = metrics.length <= 60;
  // At least 1..2, so a single epoch is not centred on an axis echarts pads around it.
  const lastEpoch = Math.max(2, metrics.at(-1)?.epoch ?? 0);
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: Object.values(SERIES_NAMES), top: 0 },
    grid: [{ left: 56, right: 16, top: 36, height: '36%' }, { left: 56, right: 16, top: '58%', height: '32%' }],
    xAxis: [0, 1].map((g) => ({ type: 'value', gridIndex: g, name: 'epoch', min: 1, max: lastEpoch, minInterval: 1 })),
    yAxis: [
      { type: 'value', gridIndex: 0, name: 'loss', scale: true },
      { type: 'value', gridIndex: 1, name: 'accuracy (%)', min: 0, max: 100 },
    ],
    series: [
      { name: SERIES_NAMES.trainLoss, type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: points((m) => m.trainLoss), showSymbol: dots, color: TRAIN_COLOR, ...mark },
      { name: SERIES_NAMES.valLoss, type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: points((m) => m.valLoss), showSymbol: dots, color: VAL_COLOR, lineStyle: { type: 'dashed' } },
      { name: SERIES_NAMES.trainAccuracy, type: 'line', xAxisIndex: 1, yAxisIndex: 1, data: points((m) => pct(m.trainAccuracy)), showSymbol: dots, color: TRAIN_COLOR, ...mark },
      { name: SERIES_NAMES.valAccuracy, type: 'line', xAxisIndex: 1, yAxisIndex: 1, data: points((m) => pct(m.valAccuracy)), showSymbol: dots, color: VAL_COLOR, lineStyle: { type: 'dashed' } },
    ],
  };
}
