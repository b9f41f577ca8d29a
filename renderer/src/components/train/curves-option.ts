import type { LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, MarkLineComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { EpochMetrics } from '../../types.js';

export type CurvesOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | MarkLineComponentOption>;

/** The two panels of the curves, top to bottom. */
export type CurvesPanel = 'loss' | 'accuracy';
export const CURVES_PANELS: readonly CurvesPanel[] = ['loss', 'accuracy'];

/** Training blue and solid, validation orange and dashed, in both panels. */
const TRAIN_COLOR = '#1f4e79';
const VAL_COLOR = '#c0622b';

export const SERIES_NAMES = {
  trainLoss: 'training loss', valLoss: 'validation loss', trainAccuracy: 'training accuracy', valAccuracy: 'validation accuracy',
} as const;

/**
 * One panel, loss or accuracy in %, per epoch: training solid and validation dashed, one point
 * per epoch; the best epoch so far (the monitor's pick) is marked. The epoch axis grows with the
 * epochs (not the planned ones: early stopping often ends far sooner). Each panel is its own
 * chart, so that a redraw while training costs half the main thread at a time.
 */
export function curvesOption(metrics: readonly EpochMetrics[], panel: CurvesPanel): CurvesOption {
  const points = (f: (m: EpochMetrics) => number): [number, number][] => metrics.map((m) => [m.epoch, f(m)]);
  const best = metrics.length ? metrics[metrics.length - 1].bestEpoch : 0;
  // Always present (empty without a best epoch), so a redraw merged into the chart clears it.
  const markLine: LineSeriesOption['markLine'] = { symbol: 'none', silent: true, label: { formatter: `best ${best}` }, data: best > 0 ? [{ xAxis: best }] : [] };
  const pct = (x: number) => Math.round(x * 1000) / 10;
  // A dot per epoch while they are few enough to tell apart.
  const dots = metrics.length <= 60;
  // At least 1..2, so a single epoch is not centred on an axis echarts pads around it.
  const lastEpoch = Math.max(2, metrics.at(-1)?.epoch ?? 0);
  const [train, val] = panel === 'loss'
    ? [{ name: SERIES_NAMES.trainLoss, data: points((m) => m.trainLoss) }, { name: SERIES_NAMES.valLoss, data: points((m) => m.valLoss) }]
    : [{ name: SERIES_NAMES.trainAccuracy, data: points((m) => pct(m.trainAccuracy)) }, { name: SERIES_NAMES.valAccuracy, data: points((m) => pct(m.valAccuracy)) }];
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: [train.name, val.name], top: 0 },
    // Fixed margins that fit the labels: no measuring the labels to fit them on every redraw.
    grid: { left: 56, right: 16, top: 36, bottom: 36, outerBoundsMode: 'none' },
    xAxis: { type: 'value', name: 'epoch', min: 1, max: lastEpoch, minInterval: 1 },
    yAxis: panel === 'loss' ? { type: 'value', name: 'loss', scale: true } : { type: 'value', name: 'accuracy (%)', min: 0, max: 100 },
    series: [
      { ...train, type: 'line', showSymbol: dots, color: TRAIN_COLOR, markLine },
      { ...val, type: 'line', showSymbol: dots, color: VAL_COLOR, lineStyle: { type: 'dashed' } },
    ],
  };
}
