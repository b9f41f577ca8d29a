// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import DesignScreen from '../../renderer/src/screens/DesignScreen.vue';
import type { DatasetPreview } from '../../renderer/src/types.js';
import { APP_INFO, jobStarted, LISTING, previewFor, STUDY, summaryOf } from './train-fixtures.js';
import { fakeApi as fakeClient, storesOf, withClient, type Answers as Handlers } from './fake-client.js';

const DEFAULT_DESIGN = { labelBy: 'task', window: 10, stride: 5, split: { train: 0.6, validation: 0.2, test: 0.2 }, seed: 0 };

async function mountDesign(handlers: Handlers = {}, { study = true } = {}) {
  const fake = fakeClient({
    'dataset.preview': (r) => previewFor(r.design.labelBy ?? 'task', r.design.classes),
    'jobs.list': () => ({ jobs: [] }),
    ...handlers,
  });
  const { session } = storesOf(fake.client);
  session.info.value = APP_INFO;
  session.listing.value = LISTING;
  if (study) session.study.value = STUDY;
  const wrapper = mount(DesignScreen, withClient(fake.client));
  await settle();
  return { fake, session, wrapper };
}

/** Past the preview's debounce, with every answer delivered. */
async function settle() {
  await vi.advanceTimersByTimeAsync(300);
  await flushPromises();
}

const cells = (w: ReturnType<typeof mount>, testid: string) =>
  w.find(`[data-testid="${testid}"]`).findAll('[data-testid="windows-row"]').map((r) => [r.attributes('data-class'), ...r.findAll('td').map((td) => Number(td.text()))]);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Design screen', () => {
  it('without an open study points at the Study tab and asks nothing', async () => {
    const { fake, wrapper } = await mountDesign({}, { study: false });
    expect(wrapper.find('[data-testid="design-no-study"]').text()).toContain('Study tab');
    expect(fake.callsTo('dataset.preview')).toEqual([]);
    await wrapper.find('[data-testid="design-no-study"] a').trigger('click');
    expect(wrapper.emitted('navigate')).toEqual([['study']]);
  });

  it('previews the default design and shows windows per class and split, and each split\'s subjects', async () => {
    const { fake, wrapper } = await mountDesign();
    expect(fake.callsTo('dataset.preview')).toEqual([{ source: STUDY.handle, design: DEFAULT_DESIGN }]);
    // previewFor('task'): motor 36/12/12, rest 30/10/10.
    expect(cells(wrapper, 'preview-table')).toEqual([['motor', 36, 12, 12, 60], ['rest', 30, 10, 10, 50]]);
    expect(wrapper.find('[data-testid="preview-table"] [data-testid="windows-total"]').findAll('td').map((t) => t.text())).toEqual(['66', '22', '22', '110']);
    expect(wrapper.find('[data-testid="split-subjects-train"]').text()).toBe('01, 03, 05');
    expect(wrapper.find('[data-testid="split-subjects-test"]').text()).toBe('04');
    expect(wrapper.findAll('[data-testid="preview-warning"]')).toHaveLength(0);
    expect(wrapper.findAll('[data-testid="class-option"]').map((c) => [(c.element as HTMLInputElement).value, (c.element as HTMLInputElement).checked]))
      .toEqual([['motor', true], ['rest', true]]);
  });

  it('shows the window and stride in seconds at the TR (2 s) and previews a changed window once, after the debounce', async () => {
    const { fake, wrapper } = await mountDesign();
    expect(wrapper.find('[data-testid="window-seconds"]').text()).toBe('= 20 s');
    expect(wrapper.find('[data-testid="stride-seconds"]').text()).toBe('= 10 s');
    await wrapper.find('[data-testid="window"]').setValue('12');
    await vi.advanceTimersByTimeAsync(100);
    await wrapper.find('[data-testid="window"]').setValue('13');
    expect(wrapper.find('[data-testid="window-seconds"]').text()).toBe('= 26 s');
    await settle();
    const asked = fake.callsTo('dataset.preview');
    expect(asked).toHaveLength(2);
    expect(asked[1].design).toEqual({ ...DEFAULT_DESIGN, window: 13 });
  });

  it('re-previews when labelling by trial_type, sends the shift, and shows the warnings and dropped windows', async () => {
    const { fake, wrapper } = await mountDesign();
    expect(wrapper.find('[data-testid="shift"]').exists()).toBe(false);
    const radios = wrapper.findAll('[data-testid="label-by"]');
    await radios[1].setValue(true);
    await wrapper.find('[data-testid="shift"]').setValue('5');
    await settle();
    expect(fake.callsTo('dataset.preview').at(-1)!.design).toEqual({ ...DEFAULT_DESIGN, labelBy: 'trial_type', shiftSeconds: 5 });
    expect(cells(wrapper, 'preview-table').map((r) => r[0])).toEqual(['left', 'right', 'fixation']);
    expect(wrapper.findAll('[data-testid="preview-warning"]').map((w) => w.text())).toEqual([
      '⚠ class fixation has only 4 training windows (fewer than 20): too few to learn it well',
    ]);
    expect(wrapper.find('[data-testid="preview-dropped"]').text()).toContain('7 window(s) with no event, 2 with no majority');
  });

  it('shows only the newest preview when an older answer arrives after it', async () => {
    const answers: { resolve: (p: DatasetPreview) => void; labelBy: 'task' | 'trial_type' }[] = [];
    const { wrapper } = await mountDesign({
      'dataset.preview': (r) => new Promise<DatasetPreview>((resolve) => answers.push({ resolve, labelBy: r.design.labelBy ?? 'task' })),
    });
    answers[0].resolve(previewFor('task'));
    await flushPromises();
    await wrapper.findAll('[data-testid="label-by"]')[1].setValue(true);
    await settle();
    await wrapper.find('[data-testid="split-test"]').setValue('0.3');
    await settle();
    expect(answers.map((a) => a.labelBy)).toEqual(['task', 'trial_type', 'trial_type']);
    answers[2].resolve({ ...previewFor('trial_type'), warnings: ['newest'] });
    await flushPromises();
    answers[1].resolve({ ...previewFor('trial_type'), warnings: ['stale'] });
    await flushPromises();
    expect(wrapper.findAll('[data-testid="preview-warning"]').map((w) => w.text())).toEqual(['⚠ newest']);
  });

  it('names a field the contract refuses instead of previewing it', async () => {
    const { fake, wrapper } = await mountDesign();
    await wrapper.find('[data-testid="stride"]').setValue('0');
    await settle();
    expect(fake.callsTo('dataset.preview')).toHaveLength(1);
    expect(wrapper.find('[data-testid="design-problem"]').text()).toMatch(/^stride: /);
    expect(wrapper.find('[data-testid="build-dataset"]').attributes('disabled')).toBeDefined();
  });

  it('builds the chosen classes under the given name, then shows the summary and offers training on it', async () => {
    const { fake, session, wrapper } = await mountDesign({ 'dataset.build': () => ({ jobId: 'job-7' }) });
    await wrapper.findAll('[data-testid="label-by"]')[1].setValue(true);
    await settle();
    expect((wrapper.find('[data-testid="dataset-name"]').element as HTMLInputElement).value).toBe('demo-trial_type-w10');
    await wrapper.findAll('[data-testid="class-option"]')[2].setValue(false); // drop fixation
    await settle();
    expect(fake.callsTo('dataset.preview').at(-1)!.design.classes).toEqual(['left', 'right']);
    await wrapper.find('[data-testid="dataset-name"]').setValue('lr-only');
    await wrapper.find('[data-testid="build-dataset"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('dataset.build')).toEqual([{
      source: STUDY.handle, name: 'lr-only',
      design: { ...DEFAULT_DESIGN, labelBy: 'trial_type', shiftSeconds: 0, classes: ['left', 'right'] },
    }]);
    fake.emit(jobStarted('job-7', 'buildDataset', 'lr-only'));
    await flushPromises();
    expect(wrapper.find('[data-testid="job-progress"]').exists()).toBe(true);
    const summary = summaryOf(previewFor('trial_type', ['left', 'right']));
    fake.emit({ kind: 'job.done', jobId: 'job-7', outcome: { job: 'buildDataset', result: { name: 'lr-only', summary } } });
    await flushPromises();
    expect(cells(wrapper, 'build-summary')).toEqual([['left', 18, 6, 6, 30], ['right', 17, 6, 5, 28]]);
    expect(wrapper.find('[data-testid="build-regions"]').text()).toBe('114');
    expect(wrapper.find('[data-testid="build-dropped-region"]').text()).toBe('Vermis_10 (label 9001): no voxel on the run grid');
    expect(session.lastDataset.value).toBe('lr-only');
    await wrapper.find('[data-testid="go-train"]').trigger('click');
    expect(wrapper.emitted('navigate')).toEqual([['train']]);
  });

  it('builds with the atlas the Study screen chose', async () => {
    const { fake, session, wrapper } = await mountDesign({ 'dataset.build': () => ({ jobId: 'job-8' }) });
    session.atlas.value = { labels: 'h_labelsHandle00000001', names: 'h_namesHandle000000001' };
    // Changing the atlas does not change the design: the name stays the suggestion.
    await flushPromises();
    await wrapper.find('[data-testid="build-dataset"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('dataset.build')[0]).toEqual({
      source: STUDY.handle, name: 'demo-task-w10-2', design: DEFAULT_DESIGN,
      atlas: { labels: 'h_labelsHandle00000001', names: 'h_namesHandle000000001' },
    });
  });
});
