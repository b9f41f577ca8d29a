// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, h, nextTick } from 'vue';
import SaliencyScreen from '../../renderer/src/screens/SaliencyScreen.vue';
import TrainScreen from '../../renderer/src/screens/TrainScreen.vue';
import { useSaliency } from '../../renderer/src/store/saliency.js';
import { CLIENT_KEY } from '../../renderer/src/client/inject.js';
import type { ApiClient } from '../../src/api/index.js';
import { fakeApi, storesOf, type Answers } from './fake-client.js';
import { APP_INFO, MOTOR, NAMES, OVERALL, REST, SALIENCY_LISTING, SAMPLE_1, SAMPLE_MAP, T, R, VIEWS, VOLUMES, viewOf } from './saliency-fixtures.js';
import { RUN_A } from './train-fixtures.js';

// The heatmap and the brain view draw on canvas and WebGL: stubbed, keeping their props and a toPng.
const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const HeatmapStub = defineComponent({
  name: 'SaliencyHeatmap',
  props: ['matrix', 'regions', 'order', 'tr', 'step', 'selectedRegion', 'colormap', 'range'],
  emits: ['select-region', 'select-step', 'hover'],
  setup(_props, { expose }) {
    expose({ toPng: () => PNG });
    return () => h('div', { class: 'heatmap-stub' });
  },
});
const BrainStub = defineComponent({
  name: 'BrainView',
  props: ['volumes', 'regions', 'values', 'colormap', 'range', 'threshold', 'opacity', 'layout', 'selectedRegion'],
  emits: ['hover', 'select-region', 'drawn'],
  setup(_props, { expose }) {
    expose({ toPng: () => PNG });
    return () => h('div', { class: 'brain-stub' });
  },
});
const ChartStub = defineComponent({ name: 'VChart', props: { option: { type: Object, required: true } }, emits: ['click'], setup: () => () => h('div', { class: 'chart-stub' }) });

const testid = (id: string) => `[data-testid="${id}"]`;

async function mountSaliency(answers: Answers = {}, before?: (client: ApiClient) => void) {
  const fake = fakeApi({
    'jobs.list': () => ({ jobs: [] }),
    'saliency.view': (r) => VIEWS[`${r.run}/${r.result}`] ?? viewOf(r.run, r.result),
    'saliency.sample': () => SAMPLE_MAP,
    'brain.volumes': () => VOLUMES,
    ...answers,
  });
  const { session } = storesOf(fake.client);
  session.info.value = APP_INFO;
  session.listing.value = SALIENCY_LISTING;
  before?.(fake.client);
  const wrapper = mount(SaliencyScreen, { global: { ...fake.global, stubs: { VChart: ChartStub, Echarts: ChartStub, SaliencyHeatmap: HeatmapStub, BrainView: BrainStub } } });
  await flushPromises();
  return { fake, wrapper };
}

async function openResult(wrapper: VueWrapper, run = 'run-a', result = 'ig') {
  await wrapper.find(`[data-testid="saliency-result"][data-run="${run}"][data-result="${result}"]`).trigger('click');
  await flushPromises();
}

const heatmap = (w: VueWrapper, i = 0) => w.findAllComponents(HeatmapStub)[i];
const brain = (w: VueWrapper, i = 0) => w.findAllComponents(BrainStub)[i];
const topRegions = (w: VueWrapper) => w.findAll(testid('saliency-top-region')).map((li) => [li.text(), Number(li.element.parentElement!.querySelector('.value')!.textContent)]);
const close = (actual: ArrayLike<number>, expected: number[]) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, 6));
};
const at = (data: Float32Array, t: number) => Array.from(data.subarray(t * R, (t + 1) * R));

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Saliency screen: computing', () => {
  it('offers only finished runs, explains the chosen method, and sends saliency.compute with that method\'s options', async () => {
    const { fake, wrapper } = await mountSaliency({ 'saliency.compute': () => ({ jobId: 'job-5' }) });
    expect(wrapper.findAll(`${testid('saliency-run')} option`).map((o) => o.attributes('value'))).toEqual(['run-a', 'run-b']);
    expect(wrapper.find(testid('saliency-method-help')).text()).toContain("Captum's Saliency");
    await wrapper.find(testid('saliency-method')).setValue('ig');
    expect(wrapper.find(testid('saliency-method-help')).text()).toContain('IntegratedGradients');
    await wrapper.find(testid('saliency-method')).setValue('smoothgrad');
    expect(wrapper.find(testid('saliency-method-help')).text()).toContain('NoiseTunnel');
    expect(wrapper.find(testid('saliency-opt-steps')).exists()).toBe(false);
    await wrapper.find(testid('saliency-opt-sigma')).setValue('0.2');
    await wrapper.find(testid('saliency-tsr')).setValue(true);
    await wrapper.find(testid('saliency-tsr-alpha')).setValue('0.6');
    await wrapper.find(testid('saliency-samples')).setValue('all');
    await wrapper.find(testid('saliency-target')).setValue('predicted');
    await wrapper.find(testid('saliency-randomisation')).setValue('independent');
    await wrapper.find(testid('saliency-run')).setValue('run-b');
    await wrapper.find(testid('saliency-start')).trigger('click');
    await flushPromises();
    expect(fake.callsTo('saliency.compute')).toEqual([{
      run: 'run-b', method: 'smoothgrad', options: { noiseSamples: 50, sigma: 0.2, seed: 0 }, tsr: { alpha: 0.6 }, samples: 'all', target: 'predicted', randomisation: 'independent',
    }]);
    expect(wrapper.find(testid('saliency-start')).attributes('disabled')).toBeDefined();
  });

  it('sends the gradient without options, TSR off and the cascading randomisation check on, shows the job with Cancel, and opens the result when done', async () => {
    const { fake, wrapper } = await mountSaliency({ 'saliency.compute': () => ({ jobId: 'job-5' }), 'jobs.cancel': () => ({}) });
    await wrapper.find(testid('saliency-method')).setValue('grad');
    expect((wrapper.find(testid('saliency-randomisation')).element as HTMLSelectElement).value).toBe('cascading');
    expect(wrapper.findAll(`${testid('saliency-randomisation')} option`).map((o) => o.attributes('value'))).toEqual(['cascading', 'independent', 'off']);
    const tip = wrapper.find(testid('saliency-randomisation')).element.parentElement!.querySelector('[data-testid="help-tip"]')!.getAttribute('title')!;
    expect(tip).toContain('Adebayo et al. 2018');
    expect(tip).toContain('one more set of maps per stage');
    await wrapper.find(testid('saliency-start')).trigger('click');
    await flushPromises();
    expect(fake.callsTo('saliency.compute')).toEqual([{ run: 'run-a', method: 'grad', tsr: false, samples: 'test', target: 'true', randomisation: 'cascading' }]);
    await fake.emit({ kind: 'job.started', job: { jobId: 'job-5', kind: 'saliency', title: 'Saliency run-a', state: 'running', startedAt: '2026-12-01T11:00:00.000Z', progress: { phase: 'explaining', done: 1, total: 3, etaSeconds: 12 }, target: 'run-a', error: null } });
    expect(wrapper.find(`${testid('saliency-compute')} ${testid('job-eta')}`).text()).toBe('about 12 s left');
    await wrapper.find(`${testid('saliency-compute')} ${testid('job-cancel')}`).trigger('click');
    await flushPromises();
    expect(fake.callsTo('jobs.cancel')).toEqual([{ jobId: 'job-5' }]);
    await fake.emit({ kind: 'job.done', jobId: 'job-5', outcome: { job: 'saliency', result: { run: 'run-a', result: 'grad', method: 'grad', samples: 3, seconds: 2 } } });
    await flushPromises();
    expect(fake.callsTo('saliency.view')).toEqual([{ run: 'run-a', result: 'grad' }]);
    expect(wrapper.find(testid('saliency-view')).text()).toContain('run-a · grad');
  });
});

describe('Saliency screen: viewing', () => {
  it('opens a stored result from the list once: going back to it reads nothing again', async () => {
    const { fake, wrapper } = await mountSaliency();
    expect(wrapper.findAll(testid('saliency-result')).map((b) => `${b.attributes('data-run')}/${b.attributes('data-result')}`)).toEqual(['run-a/ig', 'run-a/grad', 'run-b/grad']);
    await openResult(wrapper);
    await openResult(wrapper, 'run-a', 'grad');
    await openResult(wrapper, 'run-a', 'ig');
    expect(fake.callsTo('saliency.view')).toEqual([{ run: 'run-a', result: 'ig' }, { run: 'run-a', result: 'grad' }]);
    close(heatmap(wrapper).props('matrix').data, Array.from(OVERALL));
    expect(heatmap(wrapper).props('matrix')).toMatchObject({ rows: T, cols: R });
    expect(fake.callsTo('brain.volumes')[0]).toEqual({ run: 'run-a', template: { kind: 'ch2bet' } });
  });

  it('orders the heatmap\'s regions by importance, name or atlas label, and filters them by name', async () => {
    const { wrapper } = await mountSaliency();
    await openResult(wrapper);
    // Importance 0.25, 0.05, 0.3, 0.2, 0.2: Amygdala, Precentral, then the tie Cuneus before Insula, Calcarine last.
    expect(heatmap(wrapper).props('order')).toEqual([2, 0, 3, 4, 1]);
    await wrapper.find(testid('saliency-order')).setValue('name');
    expect(heatmap(wrapper).props('order').map((i: number) => NAMES[i])).toEqual(['Amygdala_L', 'Calcarine_R', 'Cuneus_L', 'Insula_R', 'Precentral_L']);
    // Labels 2001, 5002, 4101, 5011, 3001.
    await wrapper.find(testid('saliency-order')).setValue('atlas');
    expect(heatmap(wrapper).props('order')).toEqual([0, 4, 2, 1, 3]);
    await wrapper.find(testid('saliency-order')).setValue('importance');
    await wrapper.find(testid('saliency-filter')).setValue('_l');
    expect(heatmap(wrapper).props('order')).toEqual([2, 0, 3]);
    expect(heatmap(wrapper).props('regions')).toEqual(NAMES);
  });

  it('moves the step by slider and arrow keys: the brain view gets the step\'s row and the top regions re-rank', async () => {
    const { wrapper } = await mountSaliency();
    await openResult(wrapper);
    expect(topRegions(wrapper)).toEqual([['Cuneus_L', 0.5], ['Insula_R', 0.4], ['Precentral_L', 0.3], ['Amygdala_L', 0.2], ['Calcarine_R', 0.1]]);
    close(brain(wrapper).props('values'), at(OVERALL, 0));
    await wrapper.find(testid('saliency-slider')).setValue('3');
    expect(heatmap(wrapper).props('step')).toBe(3);
    // Amygdala_L jumps to 0.2 + 0.5 at step 3.
    expect(topRegions(wrapper)[0]).toEqual(['Amygdala_L', 0.7]);
    close(brain(wrapper).props('values'), [0.3, 0.1, 0.7, 0.5, 0.4]);
    expect(wrapper.find(testid('saliency-step-label')).text()).toBe('Volume 4 of 8 · 6 s');
    const screen = wrapper.find(testid('saliency-screen'));
    await screen.trigger('keydown', { key: 'ArrowRight' });
    expect(heatmap(wrapper).props('step')).toBe(4);
    expect(topRegions(wrapper)[0]).toEqual(['Cuneus_L', 0.5]);
    for (let i = 0; i < 6; i++) await screen.trigger('keydown', { key: 'ArrowLeft' });
    expect(heatmap(wrapper).props('step')).toBe(0);
    for (let i = 0; i < 10; i++) await screen.trigger('keydown', { key: 'ArrowRight' });
    expect(heatmap(wrapper).props('step')).toBe(T - 1);
    // A click on the heatmap's time axis moves there too.
    heatmap(wrapper).vm.$emit('select-step', 2);
    await nextTick();
    expect(brain(wrapper).props('values').length).toBe(R);
    expect((wrapper.find(testid('saliency-slider')).element as HTMLInputElement).value).toBe('2');
  });

  it('plays through the steps and stops on Pause', async () => {
    const { wrapper } = await mountSaliency();
    await openResult(wrapper);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await wrapper.find(testid('saliency-play')).trigger('click');
    vi.advanceTimersByTime(800);
    await nextTick();
    expect(heatmap(wrapper).props('step')).toBe(2);
    expect(wrapper.find(testid('saliency-play')).text()).toBe('Pause');
    await wrapper.find(testid('saliency-play')).trigger('click');
    vi.advanceTimersByTime(2000);
    await nextTick();
    expect(heatmap(wrapper).props('step')).toBe(2);
  });

  it('selects a region from the top list in the heatmap and the brain view', async () => {
    const { wrapper } = await mountSaliency();
    await openResult(wrapper);
    await wrapper.find('[data-testid="saliency-top-region"][data-region="4"]').trigger('click');
    expect(heatmap(wrapper).props('selectedRegion')).toBe(4);
    expect(brain(wrapper).props('selectedRegion')).toBe(4);
    brain(wrapper).vm.$emit('select-region', 1);
    await nextTick();
    expect(heatmap(wrapper).props('selectedRegion')).toBe(1);
  });

  it('shows a class\'s mean map and its importance', async () => {
    const { wrapper } = await mountSaliency();
    await openResult(wrapper);
    await wrapper.find(testid('saliency-view-select')).setValue('class');
    await wrapper.find(testid('saliency-class-select')).setValue('1');
    close(heatmap(wrapper).props('matrix').data, Array.from(REST));
    expect(heatmap(wrapper).props('colormap')).toBe('inferno');
    // rest: 0.05·(4 − r), largest 0.2.
    expect(heatmap(wrapper).props('range')[0]).toBe(0);
    expect(heatmap(wrapper).props('range')[1]).toBeCloseTo(0.2, 6);
    const bars = wrapper.findAll(`${testid('saliency-importance')} .chart-stub`);
    expect(bars).toHaveLength(1);
    const option = wrapper.findAllComponents(ChartStub).at(-1)!.props('option') as { yAxis: { data: string[] } };
    // rest's importance 0.4, 0.3, 0.2, 0.1, 0: drawn bottom-up, largest on top.
    expect(option.yAxis.data).toEqual([...NAMES].reverse());
  });

  it('shows the difference of two classes on a diverging, symmetric scale, its top regions by magnitude', async () => {
    const { wrapper } = await mountSaliency();
    await openResult(wrapper);
    await wrapper.find(testid('saliency-view-select')).setValue('difference');
    const diff = (t: number, r: number) => MOTOR[t * R + r] - REST[t * R + r];
    // motor − rest = 0.15·r + 0.01·t − 0.2: at step 0, −0.2, −0.05, 0.1, 0.25, 0.4; largest |·| 0.6 + 0.07 − 0.2 = 0.47.
    close(brain(wrapper).props('values'), [0, 1, 2, 3, 4].map((r) => diff(0, r)));
    close(brain(wrapper).props('values'), [-0.2, -0.05, 0.1, 0.25, 0.4]);
    expect(heatmap(wrapper).props('colormap')).toBe('diverging');
    const [lo, hi] = heatmap(wrapper).props('range') as [number, number];
    expect(hi).toBeCloseTo(0.47, 6);
    expect(lo).toBe(-hi);
    expect(brain(wrapper).props('colormap')).toBe('diverging');
    expect(topRegions(wrapper).map(([n]) => n)).toEqual(['Insula_R', 'Cuneus_L', 'Precentral_L', 'Amygdala_L', 'Calcarine_R']);
    expect(topRegions(wrapper)[2][1]).toBeCloseTo(-0.2, 6);
    // rest − motor flips the sign.
    await wrapper.find(testid('saliency-class-a')).setValue('1');
    await wrapper.find(testid('saliency-class-b')).setValue('0');
    close(brain(wrapper).props('values'), [0.2, 0.05, -0.1, -0.25, -0.4]);
  });

  it('reads one sample\'s map on demand and says its true class, prediction and probability', async () => {
    const { fake, wrapper } = await mountSaliency();
    await openResult(wrapper);
    await wrapper.find(testid('saliency-view-select')).setValue('sample');
    await flushPromises();
    expect(fake.callsTo('saliency.sample')).toEqual([{ run: 'run-a', result: 'ig', position: 0 }]);
    await wrapper.find(testid('saliency-sample-select')).setValue('1');
    await flushPromises();
    expect(fake.callsTo('saliency.sample').at(-1)).toEqual({ run: 'run-a', result: 'ig', position: 1 });
    expect(wrapper.find(testid('saliency-sample-info')).text()).toContain('true class rest, predicted motor, p(rest) = 0.38');
    close(heatmap(wrapper).props('matrix').data, Array.from(SAMPLE_1));
    await wrapper.find(testid('saliency-slider')).setValue('5');
    expect(topRegions(wrapper)[0]).toEqual(['Calcarine_R', 1]);
    // Signed: Calcarine_R is −1 at step 5, on a diverging scale ±1; read once, not again.
    await wrapper.find(testid('saliency-sample-signed')).setValue(true);
    expect(heatmap(wrapper).props()).toMatchObject({ colormap: 'diverging', range: [-1, 1] });
    close(brain(wrapper).props('values'), [0, -1, 0.02, 0.03, 0.04]);
    expect(topRegions(wrapper)[0]).toEqual(['Calcarine_R', -1]);
    expect(fake.callsTo('saliency.sample')).toHaveLength(2);
  });

  it('passes the colour range, threshold, opacity and layout to the brain view and hides it with the reason when there is no atlas', async () => {
    const { wrapper } = await mountSaliency();
    await openResult(wrapper);
    expect(brain(wrapper).props('range')).toEqual(heatmap(wrapper).props('range'));
    // The field shows the float32 end tidied; the brain view gets it exact, as the heatmap does.
    expect((wrapper.find(testid('saliency-range-high')).element as HTMLInputElement).value).toBe('0.7');
    await wrapper.find(testid('saliency-range-high')).setValue('0.6');
    await wrapper.find(testid('saliency-range-high')).trigger('change');
    await wrapper.find(testid('saliency-threshold')).setValue('0.25');
    await wrapper.find(testid('saliency-opacity')).setValue('0.5');
    await wrapper.find(testid('saliency-layout-axial')).trigger('click');
    expect(brain(wrapper).props()).toMatchObject({ range: [0, 0.6], threshold: 0.25, opacity: 0.5, layout: 'axial' });

    const noAtlas = await mountSaliency({
      'brain.volumes': () => { throw Object.assign(new Error('the dataset has no atlas labels: its regions came from tables'), { name: 'NoAtlasError' }); },
    });
    await openResult(noAtlas.wrapper);
    expect(noAtlas.wrapper.findAllComponents(BrainStub)).toHaveLength(0);
    expect(noAtlas.wrapper.find(testid('saliency-brain-unavailable')).text()).toContain('the dataset has no atlas labels');
    expect(noAtlas.wrapper.findAllComponents(HeatmapStub)).toHaveLength(1);
  });

  it('saves the heatmap as a PNG through a download link', async () => {
    const { wrapper } = await mountSaliency();
    await openResult(wrapper);
    const clicked: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push({ href: this.href, download: this.download }); });
    await wrapper.find(testid('saliency-heatmap-png-main')).trigger('click');
    await wrapper.find(testid('saliency-brain-png')).trigger('click');
    expect(clicked).toEqual([{ href: PNG, download: 'run-a-ig-heatmap.png' }, { href: PNG, download: 'run-a-ig-brain-1.png' }]);
  });

  it('reads the faithfulness checks in words', async () => {
    const { wrapper } = await mountSaliency();
    await openResult(wrapper);
    const panel = wrapper.find(testid('saliency-faithfulness'));
    expect(panel.findAll(testid('faith-masked-row')).map((r) => r.findAll('td').map((c) => c.text()))).toEqual([['10 %', '0.60', '0.90'], ['20 %', '0.45', '0.86']]);
    expect(panel.find(testid('faith-masked-sentence')).text()).toBe('Removing the 10 % most salient cells changes accuracy from 0.92 to 0.60; as many random cells: to 0.90. The map points at what the model uses.');
    expect(panel.find(testid('faith-on-share-sentence')).text()).toBe('Of the 10 % most salient cells, 80 % fall in task-ON steps; by chance 50 % would.');
    expect(panel.find(testid('faith-ground-truth')).exists()).toBe(false);
  });

  it('shows the randomisation check: the report\'s verdict sentence and one row per stage, head first', async () => {
    const { wrapper } = await mountSaliency();
    await openResult(wrapper);
    const check = wrapper.find(`${testid('saliency-faithfulness')} ${testid('faith-randomisation')}`);
    expect(check.attributes('data-verdict')).toBe('passes');
    expect(check.find(testid('faith-randomisation-verdict')).text()).toBe('These maps pass the randomisation check (mean |ρ| = 0.12 between trained and fully randomised maps, < 0.5): they change when the model\'s weights are randomised.');
    expect(check.findAll(testid('faith-randomisation-row')).map((r) => r.findAll('td').map((c) => c.text()))).toEqual([
      ['dense', '0.61', '0.08', '0.61', '3'],
      ['dense + lstm', '-0.04', '0.15', '0.12', '2'],
    ]);
    expect(check.text()).toContain('cascading, head down; seed 0');
    expect(wrapper.find(testid('faith-randomisation-none')).exists()).toBe(false);
  });

  it('says when the randomisation check was not run, and shows a null ρ as a dash', async () => {
    const unchecked = viewOf('run-a', 'ig');
    unchecked.faithfulness.randomisation = null;
    const { wrapper } = await mountSaliency({ 'saliency.view': () => unchecked });
    await openResult(wrapper);
    expect(wrapper.find(testid('faith-randomisation')).exists()).toBe(false);
    expect(wrapper.find(testid('faith-randomisation-none')).text()).toContain('not run');

    const constant = viewOf('run-a', 'ig');
    constant.faithfulness.randomisation = {
      mode: 'independent', seed: 7, threshold: 0.5, verdict: 'undetermined',
      sentence: 'The randomisation check is undetermined: every map was constant, so no rank correlation exists.',
      stages: [{ layers: ['dense', 'lstm'], mean: null, sd: null, meanAbs: null, samples: 0 }],
    };
    const second = await mountSaliency({ 'saliency.view': () => constant });
    await openResult(second.wrapper);
    const check = second.wrapper.find(testid('faith-randomisation'));
    expect(check.attributes('data-verdict')).toBe('undetermined');
    expect(check.findAll(testid('faith-randomisation-row')).map((r) => r.findAll('td').map((c) => c.text()))).toEqual([['dense + lstm', '—', '—', '—', '0']]);
    expect(check.find(testid('faith-randomisation-verdict')).text()).toContain('undetermined');
    expect(check.text()).toContain('every layer at once; seed 7');
  });

  it('shows the agreement with a synthetic dataset\'s planted boxes, and leaves out what was not measured', async () => {
    const synthetic = viewOf('run-a', 'ig');
    synthetic.faithfulness = { maskedAccuracy: null, onShare: null, groundTruth: { wjac: 0.41, euc: 3.2, auc: 0.88, aup: 0.52, aur: 0.61, samples: 3 }, randomisation: null };
    const { wrapper } = await mountSaliency({ 'saliency.view': () => synthetic });
    await openResult(wrapper);
    const panel = wrapper.find(testid('saliency-faithfulness'));
    expect(['wjac', 'euc', 'auc', 'aup', 'aur'].map((k) => panel.find(testid(`faith-gt-${k}`)).text().split(' ')[0])).toEqual(['0.41', '3.2', '0.88', '0.52', '0.61']);
    expect(panel.find(testid('faith-gt-wjac')).text()).toContain('Weighted Jaccard');
    expect(panel.find(testid('faith-masked')).exists()).toBe(false);
    expect(panel.find(testid('faith-on-share')).exists()).toBe(false);
  });

  it('compares with another run\'s result side by side on one slider', async () => {
    const { wrapper } = await mountSaliency();
    await openResult(wrapper);
    // Other results of the same dataset: run-a's grad and run-b's grad.
    expect(wrapper.findAll(`${testid('saliency-compare-select')} option`).map((o) => o.attributes('value'))).toEqual(['', 'run-a/grad', 'run-b/grad']);
    await wrapper.find(testid('saliency-compare-select')).setValue('run-b/grad');
    await flushPromises();
    expect(wrapper.findAllComponents(HeatmapStub)).toHaveLength(2);
    expect(wrapper.findAllComponents(BrainStub)).toHaveLength(2);
    expect(heatmap(wrapper, 1).props('order')).toEqual(heatmap(wrapper, 0).props('order'));
    close(brain(wrapper, 1).props('values'), [0, 0, 0, 0, 0]);
    await wrapper.find(testid('saliency-slider')).setValue('7');
    expect([heatmap(wrapper, 0).props('step'), heatmap(wrapper, 1).props('step')]).toEqual([7, 7]);
    // The plain LSTM's saliency vanished before step 6; at step 7, 0.1·(r + 1).
    close(brain(wrapper, 1).props('values'), [0.1, 0.2, 0.3, 0.4, 0.5]);
    await wrapper.find(testid('saliency-compare-select')).setValue('');
    expect(wrapper.findAllComponents(HeatmapStub)).toHaveLength(1);
  });
});

describe('Saliency screen: exporting', () => {
  it('sends report.export with the default formats and name, then opens the folder and the report', async () => {
    const opened: string[] = [];
    vi.spyOn(window, 'open').mockImplementation((url) => { opened.push(String(url)); return null; });
    const { fake, wrapper } = await mountSaliency({
      'report.export': () => ({ jobId: 'job-8' }),
      'files.open': (r) => ({ opened: false, url: r.file ? `http://127.0.0.1:4000/files/h_reportFolder000001/${r.file}` : null }),
    });
    await openResult(wrapper);
    await wrapper.find(testid('export-format-csv')).setValue(true);
    await wrapper.find(testid('export-format-npy')).setValue(false);
    await wrapper.find(testid('export-start')).trigger('click');
    await flushPromises();
    expect(fake.callsTo('report.export')).toEqual([{ run: 'run-a', result: 'ig', name: 'run-a-ig', formats: ['tsv', 'csv', 'nifti', 'json', 'html'] }]);
    await fake.emit({
      kind: 'job.done', jobId: 'job-8',
      outcome: { job: 'exportReport', result: { out: '/home/ana/studio/reports/run-a-ig', files: ['report.html', 'saliency.tsv'], handle: 'h_reportFolder000001' } },
    });
    expect(wrapper.find(testid('export-done')).text()).toContain('/home/ana/studio/reports/run-a-ig');
    await wrapper.find(testid('export-open-folder')).trigger('click');
    await flushPromises();
    expect(opened).toEqual([]);
    await wrapper.find(testid('export-open-report')).trigger('click');
    await flushPromises();
    expect(fake.callsTo('files.open')).toEqual([{ folder: 'h_reportFolder000001' }, { folder: 'h_reportFolder000001', file: 'report.html' }]);
    expect(opened).toEqual(['http://127.0.0.1:4000/files/h_reportFolder000001/report.html']);
  });
});

describe('Train → Saliency', () => {
  it('the Train screen\'s "Saliency →" on a finished run asks for it and the Saliency screen opens its newest result', async () => {
    const fake = fakeApi({ 'jobs.list': () => ({ jobs: [] }), 'train.backend': () => ({ backend: 'cpu', requested: 'auto', tfBackend: 'cpu', reason: 'only one', skipped: [] }), 'train.run': () => RUN_A });
    const { session } = storesOf(fake.client);
    session.info.value = APP_INFO;
    session.listing.value = SALIENCY_LISTING;
    const train = mount(TrainScreen, { global: { ...fake.global, stubs: { VChart: ChartStub, Echarts: ChartStub } } });
    await flushPromises();
    await train.find('[data-run="run-a"]').trigger('click');
    await flushPromises();
    await train.find(testid('train-to-saliency')).trigger('click');
    expect(train.emitted('navigate')).toEqual([['saliency']]);
    const app = createApp({});
    app.provide(CLIENT_KEY, fake.client);
    expect(app.runWithContext(() => useSaliency().request.value)).toEqual({ run: 'run-a' });
  });

  it('opens the newest result of the run asked for', async () => {
    const { fake } = await mountSaliency({}, (client) => {
      const app = createApp({});
      app.provide(CLIENT_KEY, client);
      app.runWithContext(() => (useSaliency().request.value = { run: 'run-a' }));
    });
    expect(fake.callsTo('saliency.view')).toEqual([{ run: 'run-a', result: 'grad' }]);
  });
});

