// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { qcSeries } from '../../src/api/index.js';
import QcPlot from '../../renderer/src/components/QcPlot.vue';
import { qcOption, qcTooltip, type QcOption } from '../../renderer/src/qc-option.js';
import { motorQc } from './study-fixtures.js';

// The chart itself needs a canvas; what matters is the option it is given.
vi.mock('../../renderer/src/components/chart.js', () => ({
  VChart: defineComponent({ name: 'VChart', props: { option: { type: Object, required: true } }, setup: () => () => h('div', { class: 'chart-stub' }) }),
}));

type Line = { name: string; data: [number, number | null][]; markArea?: { data: [{ xAxis: number }, { xAxis: number }][]; itemStyle: { color: string } } };
const seriesOf = (option: QcOption) => option.series as unknown as Line[];

describe('the QC plot', () => {
  const series = qcSeries.parse(motorQc(['Precentral_L', 'Supp_Motor_Area_L']));

  it('draws each region against time in seconds (volume × TR)', () => {
    const [first, second] = seriesOf(qcOption(series));
    expect(first.name).toBe('Precentral_L');
    expect(second.name).toBe('Supp_Motor_Area_L');
    expect(first.data).toHaveLength(120);
    expect(first.data[3]).toEqual([6, Math.sin(3 / 5)]);
    expect(second.data[119]).toEqual([238, Math.sin(119 / 5 + 1)]);
    expect(qcOption(series).xAxis).toMatchObject({ name: 'Time (s)', min: 0, max: 238 });
  });

  it('shades every event as a band from onset to onset + duration, one legend entry per trial type', () => {
    const option = qcOption(series);
    const bands = seriesOf(option).filter((s) => s.markArea);
    expect(bands.map((b) => b.name)).toEqual(['left', 'right']);
    expect(bands[0].markArea!.data).toEqual([[{ xAxis: 10 }, { xAxis: 30 }], [{ xAxis: 110 }, { xAxis: 130 }]]);
    expect(bands[1].markArea!.data).toEqual([[{ xAxis: 60 }, { xAxis: 80 }], [{ xAxis: 160 }, { xAxis: 180 }]]);
    expect(bands[0].markArea!.itemStyle.color).not.toBe(bands[1].markArea!.itemStyle.color);
    expect(bands.every((b) => b.data.length === 0)).toBe(true);
    expect((option.legend as { data: string[] }).data).toEqual(['Precentral_L', 'Supp_Motor_Area_L', 'left', 'right']);
  });

  it('renames a band whose trial type is also a region name, so the legend stays unambiguous', () => {
    const clash = qcSeries.parse({ ...motorQc(['left']), events: [{ onset: 0, duration: 4, trialType: 'left' }] });
    expect(seriesOf(qcOption(clash)).map((s) => s.name)).toEqual(['left', 'left (events)']);
  });

  it('falls back to volumes without a TR, and shades nothing (onsets are seconds)', () => {
    const option = qcOption(qcSeries.parse({ ...motorQc(['Precentral_L']), tr: null }));
    expect(option.xAxis).toMatchObject({ name: 'Volume', max: 119 });
    expect(seriesOf(option).map((s) => s.name)).toEqual(['Precentral_L']);
    expect(seriesOf(option)[0].data[3][0]).toBe(3);
  });

  it('writes the time and the volume in the tooltip, with each region\u2019s value', () => {
    const text = qcTooltip([{ seriesName: 'Precentral_L', marker: '', value: [6, 0.5], dataIndex: 3 }, { seriesName: '<b>', marker: '', value: [6, null], dataIndex: 3 }], 2);
    expect(text).toBe('6 s · volume 4<br>Precentral_L: 0.5<br>&#60;b&#62;: —');
  });

  it('hands the chart the option built from its series', () => {
    const wrapper = mount(QcPlot, { props: { series } });
    const option = wrapper.getComponent({ name: 'VChart' }).props('option') as QcOption;
    // The tooltip formatter is a fresh closure each time; everything else is plain data.
    expect({ ...option, tooltip: null }).toEqual({ ...qcOption(series), tooltip: null });
    expect(seriesOf(option).filter((s) => s.markArea).flatMap((s) => s.markArea!.data.map(([a, b]) => [a.xAxis, b.xAxis])))
      .toEqual([[10, 30], [110, 130], [60, 80], [160, 180]]);
  });
});
