// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { qcSeries } from '../../src/api/index.js';
import { studyListing } from '../../src/api/index.js';
import QcPanel from '../../renderer/src/components/QcPanel.vue';
import QcPlot from '../../renderer/src/components/QcPlot.vue';
import { fakeApi, withClient } from './fake-client.js';
import { qcOption, qcTooltip, type QcOption } from '../../renderer/src/qc-option.js';
import { motorQc, STUDY } from './study-fixtures.js';

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

describe('the QC plot with cleaned series', () => {
  type Cleaned = Line & { yAxisIndex?: number; lineStyle?: { type?: string } };
  const raw = motorQc(['Precentral_L', 'Supp_Motor_Area_L']);
  const censored = [0, 1, 40, 41, 42, 90];
  const cleanedValues = (r: number) => Array.from({ length: 120 }, (_, v) => (censored.includes(v) ? null : Math.cos(v / 7 + r)));
  const series = qcSeries.parse({
    ...raw,
    cleaned: {
      regions: [{ name: 'Precentral_L', values: cleanedValues(0) }, { name: 'Supp_Motor_Area_L', values: cleanedValues(1) }],
      censored: censored.map((volume) => ({ volume, reason: volume < 2 ? 'non_steady_state' : 'fd' })),
      notCleaned: null, warnings: [],
    },
  });

  it('overlays each region\'s cleaned signal, dashed on a second axis, breaking at censored volumes', () => {
    const option = qcOption(series);
    const lines = seriesOf(option) as Cleaned[];
    const cleaned = lines.filter((l) => l.name.endsWith('(cleaned)'));
    expect(cleaned.map((l) => l.name)).toEqual(['Precentral_L (cleaned)', 'Supp_Motor_Area_L (cleaned)']);
    expect(cleaned.every((l) => l.yAxisIndex === 1 && l.lineStyle?.type === 'dashed')).toBe(true);
    expect(cleaned[1].data[5]).toEqual([10, Math.cos(5 / 7 + 1)]);
    expect(cleaned[0].data[40]).toEqual([80, null]);
    // The raw lines are still drawn, on the first axis.
    expect(lines[0]).toMatchObject({ name: 'Precentral_L' });
    expect(lines[0].data[3]).toEqual([6, Math.sin(3 / 5)]);
    expect((option.yAxis as { name: string }[]).map((a) => a.name)).toEqual(['Mean signal', 'Cleaned']);
  });

  it('shades censored volumes grey, consecutive ones merged, half a TR either side of each', () => {
    const option = qcOption(series);
    const band = seriesOf(option).find((s) => s.name === 'censored')!;
    // Volumes 0–1, 40–42 and 90 at TR 2 s.
    expect(band.markArea!.data).toEqual([[{ xAxis: -1 }, { xAxis: 3 }], [{ xAxis: 79 }, { xAxis: 85 }], [{ xAxis: 179 }, { xAxis: 181 }]]);
    expect(band.markArea!.itemStyle.color).toBe('rgba(107, 114, 128, 0.3)');
    expect((option.legend as { data: string[] }).data).toEqual([
      'Precentral_L', 'Supp_Motor_Area_L', 'Precentral_L (cleaned)', 'Supp_Motor_Area_L (cleaned)', 'left', 'right', 'censored',
    ]);
  });

  it('draws no censored band when nothing was censored, and no second axis without cleaning', () => {
    const none = qcSeries.parse({ ...raw, cleaned: { regions: [], censored: [], notCleaned: 'no fMRIPrep confounds table beside the run', warnings: [] } });
    expect(seriesOf(qcOption(none)).some((s) => s.name === 'censored')).toBe(false);
    expect(qcOption(qcSeries.parse(raw)).yAxis).toMatchObject({ name: 'Mean signal' });
  });

  it('hands the chart the cleaned lines and the censored shading', () => {
    const wrapper = mount(QcPlot, { props: { series } });
    const option = wrapper.getComponent({ name: 'VChart' }).props('option') as QcOption;
    expect(seriesOf(option).map((s) => s.name)).toContain('Supp_Motor_Area_L (cleaned)');
    expect(seriesOf(option).find((s) => s.name === 'censored')!.markArea!.data).toHaveLength(3);
  });
});

describe('the QC panel\'s cleaning comparison', () => {
  it('asks study.qc for the chosen preset (where available) and plots the cleaned series it answers', async () => {
    const api = fakeApi({
      'study.qc': (r) => ({
        ...motorQc(r.regions),
        ...(r.clean ? { cleaned: { regions: r.regions.map((name) => ({ name, values: Array.from({ length: 120 }, (_, v) => (v < 2 ? null : v / 120)) })), censored: [{ volume: 0, reason: 'non_steady_state' as const }, { volume: 1, reason: 'non_steady_state' as const }], notCleaned: null, warnings: [] } } : {}),
      }),
    });
    const study = studyListing.parse(STUDY);
    const wrapper = mount(QcPanel, { ...withClient(api.client), props: { study, regionNames: ['Precentral_L', 'Precentral_R'] } });
    await vi.waitFor(() => expect(api.callsTo('study.qc')).toHaveLength(1), { timeout: 5000 });
    expect(api.callsTo('study.qc')[0].clean).toBeUndefined();
    await wrapper.get('[data-testid="qc-clean"]').setValue('scrubbing');
    await vi.waitFor(() => expect(api.callsTo('study.qc')).toHaveLength(2), { timeout: 5000 });
    expect(api.callsTo('study.qc')[1].clean).toEqual({ preset: 'scrubbing', whereAvailable: true });
    await flushPromises();
    const option = wrapper.getComponent({ name: 'VChart' }).props('option') as QcOption;
    expect(seriesOf(option).map((s) => s.name)).toEqual(['Precentral_L', 'Precentral_R', 'Precentral_L (cleaned)', 'Precentral_R (cleaned)', 'left', 'right', 'censored']);
    expect(wrapper.get('[data-testid="qc-cleaned-note"]').text()).toContain('2 censored volume(s)');
  });
});
