// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import BackendPanel from '../../renderer/src/components/train/BackendPanel.vue';
import BackendTimings from '../../renderer/src/components/train/BackendTimings.vue';
import type { BackendReport } from '../../renderer/src/types.js';
import { fakeApi } from './fake-client.js';

const MEASURED: BackendReport = {
  backend: 'wasm', requested: 'auto', tfBackend: 'wasm', reason: 'fastest measured: wasm 21 ms/step vs cpu 190 ms/step; WebAssembly',
  skipped: [{ name: 'node', why: '@tensorflow/tfjs-node is not installed' }], chosenBy: 'measured',
  timings: [{ name: 'webgpu', msPerStep: null, warmupMs: 3400 }, { name: 'wasm', msPerStep: 21.4, warmupMs: 60 }, { name: 'cpu', msPerStep: 4.25, warmupMs: 9 }],
};

async function mountPanel(report: BackendReport) {
  const fake = fakeApi({ 'train.backend': () => report });
  const wrapper = mount(BackendPanel, { props: { modelValue: report.requested }, global: fake.global });
  await flushPromises();
  return wrapper;
}

describe('BackendPanel', () => {
  it('shows the measured timings, one row per backend, and marks the chosen one', async () => {
    const wrapper = await mountPanel(MEASURED);
    const rows = wrapper.findAll('[data-testid="backend-timing"]').map((r) => r.findAll('td').map((c) => c.text()));
    expect(rows).toEqual([
      ['webgpu', 'stopped (slower)', '3400', ''],
      ['wasm', '21', '60', '✓'],
      ['cpu', '4.3', '9', ''],
    ]);
    expect(wrapper.find('[data-testid="backend-timings"] caption').text()).toBe('One training step, measured');
  });

  it('says when the timings are a cached measurement', async () => {
    const wrapper = await mountPanel({ ...MEASURED, chosenBy: 'cached', measuredAt: '2026-12-01T10:00:00.000Z' });
    expect(wrapper.find('[data-testid="backend-timings"] caption').text()).toBe('One training step, as measured 2026-12-01T10:00:00.000Z');
  });

  it('shows no table for a report without timings (a backend asked for by name)', async () => {
    const wrapper = await mountPanel({ backend: 'cpu', requested: 'cpu', tfBackend: 'cpu', reason: 'asked for', skipped: [] });
    expect(wrapper.find('[data-testid="backend-timings"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="backend-chosen"]').text()).toBe('cpu');
  });
});

describe('BackendTimings (for a run’s own backend event)', () => {
  it('renders the timings of a report given as a prop, without asking the API', () => {
    const wrapper = mount(BackendTimings, { props: { report: MEASURED } });
    expect(wrapper.findAll('[data-testid="backend-timing"]').map((r) => r.find('td').text())).toEqual(['webgpu', 'wasm', 'cpu']);
    expect(wrapper.find('tr.chosen td').text()).toBe('wasm');
  });
});
