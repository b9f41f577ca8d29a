// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DesignScreen from '../../renderer/src/screens/DesignScreen.vue';
import type { StudySummary } from '../../renderer/src/types.js';
import { APP_INFO, jobStarted, LISTING, previewFor, STUDY, summaryOf } from './train-fixtures.js';
import { fakeApi as fakeClient, storesOf, withClient, type Answers as Handlers } from './fake-client.js';

const DEFAULT_DESIGN = { labelBy: 'task', window: 10, stride: 5, split: { train: 0.6, validation: 0.2, test: 0.2 }, seed: 0 };

async function mountDesign(handlers: Handlers = {}) {
  const fake = fakeClient({
    'dataset.preview': (r) => previewFor(r.design.labelBy ?? 'task', r.design.classes),
    'jobs.list': () => ({ jobs: [] }),
    ...handlers,
  });
  const { session } = storesOf(fake.client);
  session.info.value = APP_INFO;
  session.listing.value = LISTING;
  session.study.value = STUDY;
  const wrapper = mount(DesignScreen, withClient(fake.client));
  await settle();
  return { fake, wrapper };
}

async function settle() {
  await vi.advanceTimersByTimeAsync(300);
  await flushPromises();
}

const lastDesign = (fake: Awaited<ReturnType<typeof mountDesign>>['fake']) => fake.callsTo('dataset.preview').at(-1)!.design;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Design screen: Denoising', () => {
  it('sends no cleaning until a preset is chosen, then the preset alone, and re-previews', async () => {
    const { fake, wrapper } = await mountDesign();
    expect(fake.callsTo('dataset.preview')).toEqual([{ source: STUDY.handle, design: DEFAULT_DESIGN }]);
    await wrapper.find('[data-testid="clean-preset"]').setValue('scrubbing');
    await settle();
    expect(fake.callsTo('dataset.preview')).toHaveLength(2);
    expect(lastDesign(fake)).toEqual({ ...DEFAULT_DESIGN, clean: { preset: 'scrubbing' } });
    await wrapper.find('[data-testid="clean-preset"]').setValue('none');
    await settle();
    expect(lastDesign(fake)).toEqual(DEFAULT_DESIGN);
  });

  it('sends the advanced options in nilearn\'s names, each only once changed from its default', async () => {
    const { fake, wrapper } = await mountDesign();
    const w = (id: string) => wrapper.find(`[data-testid="${id}"]`);
    await w('clean-preset').setValue('scrubbing');
    await w('clean-detrend').setValue('off');
    await w('clean-standardize').setValue('none');
    await w('clean-high-pass').setValue('0.01');
    await w('clean-low-pass').setValue('0.1');
    await w('clean-motion').setValue('derivatives');
    await w('clean-global-signal').setValue('basic');
    await w('clean-cosines').setValue(false);
    await w('clean-scrub-fd').setValue('0.3');
    await w('clean-where-available').setValue(true);
    await settle();
    expect(lastDesign(fake)).toEqual({
      ...DEFAULT_DESIGN,
      clean: {
        preset: 'scrubbing', detrend: false, standardize: false, high_pass: 0.01, low_pass: 0.1,
        confounds: { motion: 'derivatives', global_signal: 'basic', high_pass: false }, scrub: { fd: 0.3 }, whereAvailable: true,
      },
    });
    // Emptying the high-pass field goes back to no filter; without a preset only the filters remain.
    await w('clean-high-pass').setValue('');
    await w('clean-preset').setValue('none');
    await settle();
    expect(lastDesign(fake)).toEqual({ ...DEFAULT_DESIGN, clean: { detrend: false, standardize: false, low_pass: 0.1 } });
    expect(wrapper.find('[data-testid="clean-scrub-fd"]').exists()).toBe(false);
    expect((w('clean-where-available').element as HTMLInputElement).disabled).toBe(true);
  });

  it('explains every option with a help tip that names its default', async () => {
    const { wrapper } = await mountDesign();
    await wrapper.find('[data-testid="clean-preset"]').setValue('scrubbing');
    const tips = wrapper.find('[data-testid="denoising"]').findAll('[data-testid="help-tip"]').map((t) => t.attributes('title')!);
    expect(tips).toHaveLength(11); // strategy, detrend, standardize, high/low pass, motion, WM/CSF, global signal, cosines, scrub, where available
    expect(tips.every((t) => /default/i.test(t))).toBe(true);
    expect(tips[0]).toContain('load_confounds_strategy');
  });

  it('shows the windows the preview says censoring costs, per run', async () => {
    const { wrapper } = await mountDesign({
      'dataset.preview': () => ({
        ...previewFor('task'),
        cleaning: { runs: [{ run: 'sub-01_task-motor', censored: 12, windowsLost: 4, notCleaned: null }, { run: 'sub-02_task-motor', censored: 0, windowsLost: 0, notCleaned: 'no fMRIPrep confounds table beside the run' }], windowsLost: 4 },
      }),
    });
    expect(wrapper.find('[data-testid="preview-windows-lost"]').text()).toContain('4 window(s) not built');
    expect(wrapper.findAll('[data-testid="preview-censored-run"]').map((r) => r.text())).toEqual([
      'sub-01_task-motor: 12 volume(s) censored, 4 window(s) lost',
      'sub-02_task-motor: not cleaned by confounds (no fMRIPrep confounds table beside the run)',
    ]);
  });

  it('builds with the cleaning and shows what it removed and censored, and which runs it did not clean', async () => {
    const { fake, wrapper } = await mountDesign({ 'dataset.build': () => ({ jobId: 'job-9' }) });
    await wrapper.find('[data-testid="clean-preset"]').setValue('scrubbing');
    await wrapper.find('[data-testid="clean-where-available"]').setValue(true);
    await settle();
    await wrapper.find('[data-testid="build-dataset"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('dataset.build')[0].design).toEqual({ ...DEFAULT_DESIGN, clean: { preset: 'scrubbing', whereAvailable: true } });
    fake.emit(jobStarted('job-9', 'buildDataset', 'demo-task-w10-2'));
    await flushPromises();
    const summary: StudySummary = {
      ...summaryOf(previewFor('task')),
      cleaning: {
        preset: 'scrubbing',
        runs: [
          {
            run: 'sub-01_task-motor', confoundsFile: '/data/sub-01_desc-confounds_timeseries.tsv', confounds: 37, windowsLost: 3,
            censored: [{ volume: 0, reason: 'non_steady_state' }, { volume: 1, reason: 'non_steady_state' }, { volume: 40, reason: 'fd' }, { volume: 41, reason: 'segment' }, { volume: 60, reason: 'dvars' }],
            notCleaned: null,
          },
          { run: 'sub-02_task-motor', confoundsFile: null, confounds: 0, windowsLost: 0, censored: [], notCleaned: 'no fMRIPrep confounds table beside the run' },
        ],
      },
    };
    fake.emit({ kind: 'job.done', jobId: 'job-9', outcome: { job: 'buildDataset', result: { name: 'demo-task-w10-2', summary } } });
    await flushPromises();
    expect(wrapper.find('[data-testid="build-cleaning"] h4').text()).toBe('Denoising: scrubbing');
    expect(wrapper.find('[data-testid="build-cleaning-total"]').text()).toBe('5 volume(s) censored, 3 window(s) not built.');
    expect(wrapper.findAll('[data-testid="build-cleaning-run"]').map((r) => r.findAll('td').map((td) => td.text()))).toEqual([
      ['sub-01_task-motor', '37', '5 (2 non-steady-state, 1 FD, 1 DVARS, 1 short segment)', '3'],
      ['sub-02_task-motor', 'not cleaned', '0', '0'],
    ]);
    expect(wrapper.find('[data-testid="build-not-cleaned"]').text()).toBe('⚠ sub-02_task-motor was not cleaned by confounds: no fMRIPrep confounds table beside the run');
  });
});
