import { describe, expect, it } from 'vitest';
import { hoverLines, labelInterval, stepLabel, stepText, timeAxisName, valueText } from '../../renderer/src/saliency/axis-labels.js';
import { cellAt, gridRect } from '../../renderer/src/saliency/cell-at.js';
import { cssStops } from '../../renderer/src/saliency/colormap.js';
import { colourBar, HEATMAP_MARGINS, heatmapOption, selectionData, stepData } from '../../renderer/src/saliency/heatmap-option.js';

describe('the heatmap grid', () => {
  it('is the chart less its fixed margins, never negative', () => {
    expect(gridRect(800, 600, { left: 150, right: 110, top: 12, bottom: 78 })).toEqual({ x: 150, y: 12, width: 540, height: 510 });
    expect(gridRect(100, 50, { left: 150, right: 110, top: 12, bottom: 78 })).toEqual({ x: 150, y: 12, width: 0, height: 0 });
  });

  // 4 steps × 2 rows on 200 × 100 px: 50 × 50 px per cell.
  const rect = { x: 100, y: 50, width: 200, height: 100 };
  const win = { step0: 10, steps: 4, row0: 5, rows: 2 };

  it('finds the cell under a pixel, band by band from the window\u2019s first cell', () => {
    expect(cellAt(rect, win, 100, 50)).toEqual({ step: 10, row: 5 });
    expect(cellAt(rect, win, 149.9, 99.9)).toEqual({ step: 10, row: 5 });
    expect(cellAt(rect, win, 150, 100)).toEqual({ step: 11, row: 6 });
    expect(cellAt(rect, win, 299.9, 149.9)).toEqual({ step: 13, row: 6 });
  });

  it('finds nothing outside the grid or in an empty window', () => {
    expect(cellAt(rect, win, 300, 60)).toBeNull();
    expect(cellAt(rect, win, 99, 60)).toBeNull();
    expect(cellAt(rect, win, 120, 150)).toBeNull();
    expect(cellAt(rect, win, 120, 49)).toBeNull();
    expect(cellAt(rect, { ...win, steps: 0 }, 120, 60)).toBeNull();
  });
});

describe('the heatmap words', () => {
  it('numbers volumes from 1 and adds the time from the first volume when the TR is known', () => {
    expect(stepLabel(3, 2)).toBe('4\n6 s');
    expect(stepLabel(3, null)).toBe('4');
    expect(stepText(10, 0.72)).toBe('volume 11 · 7.2 s');
    expect(stepText(0, null)).toBe('volume 1');
    expect(timeAxisName(2)).toBe('Volume (time in s)');
    expect(timeAxisName(null)).toBe('Volume');
  });

  it('writes the hover as region, time, value', () => {
    expect(hoverLines('Precentral_L', 2, 2, 0.123456)).toEqual(['Precentral_L', 'volume 3 · 4 s', '0.123']);
    expect(valueText(Number.NaN)).toBe('no value');
    expect(valueText(21)).toBe('21');
  });

  it('thins region names to one per 14 px', () => {
    expect(labelInterval(400, 510)).toBe(10); // 14 · 400 / 510 = 10.98 → every 11th
    expect(labelInterval(36, 510)).toBe(0); // 14.2 px each: all fit
    expect(labelInterval(37, 510)).toBe(1);
    expect(labelInterval(0, 510)).toBe(0);
  });
});

describe('the heatmap option', () => {
  const option = heatmapOption({
    rowNames: ['B', 'A'], steps: 3, tr: 2, step: 1, selectedRow: 1, colormap: 'diverging', range: [-0.5, 0.5], rowLabelInterval: 0,
  }) as Record<string, any>;

  it('lays the grid on the fixed margins, time across and region names down, top first', () => {
    expect(option.grid).toMatchObject({ left: HEATMAP_MARGINS.left, right: HEATMAP_MARGINS.right, top: HEATMAP_MARGINS.top, bottom: HEATMAP_MARGINS.bottom, outerBoundsMode: 'none' });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['1\n0 s', '2\n2 s', '3\n4 s'], name: 'Volume (time in s)' });
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['B', 'A'], inverse: true });
  });

  it('zooms both axes inside and with sliders, starting from everything', () => {
    expect(option.dataZoom.map((d: { id: string; type: string; start: number; end: number; filterMode: string }) => [d.id, d.type, d.start, d.end, d.filterMode])).toEqual([
      ['x-inside', 'inside', 0, 100, 'none'], ['x-slider', 'slider', 0, 100, 'none'], ['y-inside', 'inside', 0, 100, 'none'], ['y-slider', 'slider', 0, 100, 'none'],
    ]);
    expect(option.dataZoom[0].xAxisIndex).toBe(0);
    expect(option.dataZoom[3].yAxisIndex).toBe(0);
  });

  it('marks the step and the selected row, and labels the colour bar with the range', () => {
    expect(option.series.map((s: { id: string; data: unknown }) => [s.id, s.data])).toEqual([['step', [[1, 0]]], ['selection', [[0, 1]]]]);
    expect(option.visualMap[0]).toMatchObject({ min: -0.5, max: 0.5, text: ['0.5', '-0.5'], inRange: { color: cssStops('diverging') } });
  });

  it('draws no step outside the matrix, no selection without one, and keeps a degenerate colour bar drawable', () => {
    expect(stepData(3, 3)).toEqual([]);
    expect(stepData(-1, 3)).toEqual([]);
    expect(stepData(2, 3)).toEqual([[2, 0]]);
    expect(selectionData(null)).toEqual([]);
    expect(selectionData(-1)).toEqual([]);
    expect(colourBar('inferno', [0, 0])).toMatchObject({ min: 0, max: 1, text: ['0', '0'] });
  });
});
