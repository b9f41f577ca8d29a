// @vitest-environment happy-dom
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { runDetails, trainEvent } from '../../src/api/index.js';
import CurvesChart from '../../renderer/src/components/train/CurvesChart.vue';
import CurvesPanel from '../../renderer/src/components/train/CurvesPanel.vue';
import type { TrainStarted } from '../../renderer/src/components/train/live-training.js';
import TrainScreen from '../../renderer/src/screens/TrainScreen.vue';
import type { BackendReport, TrainEvent } from '../../renderer/src/types.js';
import { APP_INFO, epochMetrics, jobStarted, LISTING, RUN_A } from './train-fixtures.js';
import { fakeApi as fakeClient, storesOf, withClient, type Answers as Handlers } from './fake-client.js';

const REPORTS: Record<string, BackendReport> = {
  auto: {
    backend: 'wasm', requested: 'auto', tfBackend: 'wasm', reason: 'the fastest backend that loaded',
    skipped: [{ name: 'node-gpu', why: '@tensorflow/tfjs-node-gpu is not installed' }, { name: 'node', why: '@tensorflow/tfjs-node is not installed' }],
  },
  cpu: { backend: 'cpu', requested: 'cpu', tfBackend: 'cpu', reason: 'asked for', skipped: [] },
};

async function mountTrain(handlers: Handlers = {}, lastDataset: string | null = 'demo-task-w10') {
  const fake = fakeClient({
    'train.backend': (r) => REPORTS[r.choice],
    'jobs.list': () => ({ jobs: [] }),
    'train.start': () => ({ jobId: 'job-3' }),
    'train.run': () => RUN_A,
    ...handlers,
  });
  const { session } = storesOf(fake.client);
  session.info.value = APP_INFO;
  session.listing.value = LISTING;
  session.lastDataset.value = lastDataset;
  const wrapper = mount(TrainScreen, withClient(fake.client));
  await flushPromises();
  return { fake, session, wrapper };
}

/** Sends job-3's training events, as the worker would stream them. */
function train(fake: ReturnType<typeof fakeClient>, events: TrainEvent[]) {
  for (const event of events) fake.emit({ kind: 'job.train', jobId: 'job-3', event: trainEvent.parse(event) });
}

const STARTED_PAYLOAD: TrainStarted = {
  runDir: '/home/ana/studio/runs/demo-task-w10-lstm', resumedFromEpoch: 0, epochs: 3, batchesPerEpoch: 4, trainSamples: 66,
  validationSamples: 22, validationSource: 'dataset', testSamples: 22, classes: ['motor', 'rest'], classWeights: [0.9, 1.1],
  model: { ...APP_INFO.defaults.train.model, hidden: 16, inputSize: 114, classes: 2 },
};
const STARTED: TrainEvent = { kind: 'started', payload: STARTED_PAYLOAD };

type PanelOption = { series: { name: string; data: [number, number][] }[]; xAxis: { max: number } };
/** The curves' two panels (loss, then accuracy) as one: their series in order, their epoch axes. */
const curvesOption = (w: VueWrapper) => {
  const panels = w.findComponent(CurvesChart).findAllComponents(CurvesPanel).map((p) => p.props('option') as PanelOption);
  return { series: panels.flatMap((p) => p.series), xAxis: panels.map((p) => p.xAxis) };
};

describe('Train screen', () => {
  it('preselects the dataset built last and shows the backend chosen and why the faster ones were not', async () => {
    const { fake, wrapper } = await mountTrain();
    expect((wrapper.find('[data-testid="train-dataset"]').element as HTMLSelectElement).value).toBe('demo-task-w10');
    expect(fake.callsTo('train.backend')).toEqual([{ choice: 'auto' }]);
    const panel = wrapper.find('[data-testid="backend-panel"]');
    expect(panel.find('[data-testid="backend-chosen"]').text()).toBe('wasm');
    expect(panel.findAll('[data-testid="backend-skipped"]').map((s) => s.text())).toEqual([
      'node-gpu not used: @tensorflow/tfjs-node-gpu is not installed', 'node not used: @tensorflow/tfjs-node is not installed',
    ]);
    await wrapper.find('[data-testid="backend-select"]').setValue('cpu');
    await flushPromises();
    expect(fake.callsTo('train.backend').at(-1)).toEqual({ choice: 'cpu' });
    expect(panel.find('[data-testid="backend-reason"]').text()).toBe('asked for');
    expect(panel.findAll('[data-testid="backend-skipped"]')).toHaveLength(0);
  });

  it('fills the form from the defaults and hides the attention fields without attention', async () => {
    const { wrapper } = await mountTrain();
    const value = (id: string) => (wrapper.find(`[data-testid="${id}"]`).element as HTMLInputElement).value;
    expect([value('model-cell'), value('model-attention'), value('model-hidden'), value('train-epochs'), value('train-batch'), value('train-lr'), value('train-patience'), value('train-monitor')])
      .toEqual(['lstm', 'none', '5', '100', '50', '0.001', '10', 'val_loss']);
    expect(wrapper.find('[data-testid="model-variant"]').exists()).toBe(false);
    await wrapper.find('[data-testid="model-attention"]').setValue('input-cell');
    expect([value('model-variant'), value('model-da'), value('model-hops')]).toEqual(['mean', '50', '20']);
    expect(wrapper.findAll('[data-testid="help-tip"]').length).toBeGreaterThanOrEqual(14);
  });

  it('sends train.start with the form\'s values and a run name unique among the runs', async () => {
    const { fake, wrapper } = await mountTrain();
    await wrapper.find('[data-testid="model-hidden"]').setValue('16');
    await wrapper.find('[data-testid="train-epochs"]').setValue('3');
    expect((wrapper.find('[data-testid="run-name"]').element as HTMLInputElement).value).toBe('demo-task-w10-lstm');
    await wrapper.find('[data-testid="train-start"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('train.start')).toEqual([{
      dataset: 'demo-task-w10', name: 'demo-task-w10-lstm',
      model: { cell: 'lstm', attention: 'none', variant: 'mean', hidden: 16, attentionDim: 50, hops: 20, inputDropout: 0.1, hiddenDropout: 0.1 },
      training: { epochs: 3, batchSize: 50, learningRate: 0.001, patience: 10, monitor: 'val_loss' },
      backend: 'auto',
    }]);
  });

  it('draws one point per epoch event on every curve and shows the batch progress with its ETA', async () => {
    const { fake, wrapper } = await mountTrain();
    await wrapper.find('[data-testid="train-start"]').trigger('click');
    await flushPromises();
    fake.emit(jobStarted('job-3', 'train', 'demo-task-w10-lstm'));
    train(fake, [
      STARTED,
      { kind: 'batch', payload: { epoch: 1, batch: 2, batches: 4, loss: 0.69, accuracy: 0.5, etaSeconds: 75 } },
    ]);
    await flushPromises();
    expect(wrapper.find('[data-testid="batch-progress"] progress').attributes('value')).toBe(String(2 / 12));
    expect(wrapper.find('[data-testid="batch-eta"]').text()).toBe('ETA 1 min 15 s');
    train(fake, [
      { kind: 'epoch', payload: epochMetrics(1) },
      { kind: 'checkpoint', payload: { epoch: 1, dir: '/x' } },
      { kind: 'epoch', payload: epochMetrics(2) },
    ]);
    await flushPromises();
    const option = curvesOption(wrapper);
    expect(option.series.map((s) => s.name)).toEqual(['training loss', 'validation loss', 'training accuracy', 'validation accuracy']);
    expect(option.series[0].data).toEqual([[1, 1], [2, 0.5]]);
    expect(option.series[1].data).toEqual([[1, 1.2], [2, 0.6]]);
    // Accuracy in %: 0.5 + epoch / 100 and 0.45 + epoch / 100.
    expect(option.series[2].data).toEqual([[1, 51], [2, 52]]);
    expect(option.series[3].data).toEqual([[1, 46], [2, 47]]);
    train(fake, [{ kind: 'epoch', payload: epochMetrics(3) }]);
    await flushPromises();
    expect(curvesOption(wrapper).series.map((s) => s.data.length)).toEqual([3, 3, 3, 3]);
    // The epoch axis ends at the last epoch drawn.
    expect(curvesOption(wrapper).xAxis.map((a) => a.max)).toEqual([3, 3]);
    fake.emit({ kind: 'job.done', jobId: 'job-3', outcome: { job: 'train', result: { run: 'demo-task-w10-lstm', epochs: 3, bestEpoch: 3, valAccuracy: 0.5, testAccuracy: 0.5 } } });
    await flushPromises();
    expect(fake.callsTo('train.run')).toEqual([{ run: 'demo-task-w10-lstm' }]);
    expect(wrapper.find('[data-testid="train-finished"]').text()).toContain('Finished after 3 epoch(s)');
    expect(wrapper.findAllComponents(CurvesChart)).toHaveLength(1);
    expect(wrapper.find('[data-testid="run-details"] [data-testid="confusion"]').exists()).toBe(true);
  });

  it('cancels the running job, then offers Resume for the resumable failure and resumes that run', async () => {
    const { fake, wrapper } = await mountTrain({
      'jobs.cancel': () => ({}),
      'train.resume': () => ({ jobId: 'job-4' }),
    });
    await wrapper.find('[data-testid="train-start"]').trigger('click');
    await flushPromises();
    train(fake, [STARTED, { kind: 'epoch', payload: epochMetrics(1) }, { kind: 'epoch', payload: epochMetrics(2) }]);
    await wrapper.find('[data-testid="train-cancel"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('jobs.cancel')).toEqual([{ jobId: 'job-3' }]);
    fake.emit({
      kind: 'job.failed', jobId: 'job-3', cancelled: false,
      error: { name: 'WorkerExitError', code: 'WORKER_EXIT', message: 'the job worker (train) was killed; the run can be resumed from its last checkpoint', resumable: true },
    });
    await flushPromises();
    expect(wrapper.find('[data-testid="train-failed"]').text()).toContain('the job worker (train) was killed');
    expect(wrapper.find('[data-testid="train-cancel"]').exists()).toBe(false);
    await wrapper.find('[data-testid="train-resume"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('train.resume')).toEqual([{ run: 'demo-task-w10-lstm', backend: 'auto' }]);
    // The resumed job restarts from its epoch-1 checkpoint: epoch 2 (never saved) is dropped, then redone.
    fake.emit({ kind: 'job.train', jobId: 'job-4', event: { kind: 'started', payload: { ...STARTED_PAYLOAD, resumedFromEpoch: 1 } } });
    await flushPromises();
    expect(curvesOption(wrapper).series[0].data).toEqual([[1, 1]]);
    fake.emit({ kind: 'job.train', jobId: 'job-4', event: { kind: 'epoch', payload: { ...epochMetrics(2), trainLoss: 0.4 } } });
    await flushPromises();
    expect(curvesOption(wrapper).series[0].data).toEqual([[1, 1], [2, 0.4]]);
    expect(wrapper.find('[data-testid="train-failed"]').exists()).toBe(false);
  });

  it('sorts the runs table by test accuracy, runs without one last', async () => {
    const { wrapper } = await mountTrain();
    const order = () => wrapper.findAll('[data-testid="run-row-train"]').map((r) => r.attributes('data-run'));
    expect(order()).toEqual(['run-a', 'run-c', 'run-b']);
    await wrapper.find('[data-testid="sort-testAccuracy"]').trigger('click');
    expect(order()).toEqual(['run-b', 'run-a', 'run-c']);
    await wrapper.find('[data-testid="sort-testAccuracy"]').trigger('click');
    expect(order()).toEqual(['run-a', 'run-b', 'run-c']);
    const b = wrapper.find('[data-run="run-b"]');
    expect(['model', 'testAccuracy', 'valAccuracy', 'wallSeconds', 'status'].map((c) => b.find(`[data-col="${c}"]`).text()))
      .toEqual(['gru', '91.0 %', '88.0 %', '1 min 01 s', 'finished']);
    expect(wrapper.find('[data-run="run-a"] [data-col="model"]').text()).toBe('lstm + input-cell (mean)');
    // Only the stopped run can resume.
    expect(wrapper.findAll('[data-testid="run-resume"]').map((r) => r.element.closest('tr')!.getAttribute('data-run'))).toEqual(['run-c']);
  });

  it('opens a clicked run: its curves, and the confusion matrix with class names, counts and row shares', async () => {
    expect(runDetails.parse(RUN_A)).toEqual(RUN_A);
    const { fake, wrapper } = await mountTrain();
    await wrapper.find('[data-run="run-a"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('train.run')).toEqual([{ run: 'run-a' }]);
    const details = wrapper.find('[data-testid="run-details"]');
    expect(curvesOption(wrapper).series[0].data).toHaveLength(4);
    const confusion = details.find('[data-testid="confusion"]');
    expect(confusion.findAll('[data-testid="confusion-predicted"]').map((c) => c.text())).toEqual(['motor', 'rest']);
    expect(confusion.findAll('[data-testid="confusion-true"]').map((c) => c.text())).toEqual(['motor', 'rest']);
    // motor: 8 of 12 right, 4 taken for rest; rest: 1 taken for motor, 9 of 10 right.
    expect(confusion.findAll('[data-testid="confusion-cell"]').map((c) => [c.find('.count').text(), c.find('.share').text()]))
      .toEqual([['8', '66.7 %'], ['4', '33.3 %'], ['1', '10.0 %'], ['9', '90.0 %']]);
    expect(details.find('[data-testid="run-outcome"]').text()).toContain('test accuracy 74.0 %');
  });

  it('resumes a stopped run from the table, its saved epochs drawn first', async () => {
    const { fake, wrapper } = await mountTrain({ 'train.resume': () => ({ jobId: 'job-3' }) });
    await wrapper.find('[data-run="run-c"] [data-testid="run-resume"]').trigger('click');
    await flushPromises();
    expect(fake.callsTo('train.resume')).toEqual([{ run: 'run-c', backend: 'auto' }]);
    expect(fake.callsTo('train.run')).toEqual([{ run: 'run-c' }]);
    expect(wrapper.find('[data-testid="train-live"] h3').text()).toContain('run-c');
    expect(curvesOption(wrapper).series[0].data).toHaveLength(4);
  });

  it('shows a training job of the session that is already running when the screen opens (a reload)', async () => {
    const job = { jobId: 'job-3', kind: 'train', title: 'Train run-live', state: 'running', startedAt: '2026-12-01T10:05:00.000Z', progress: null, target: 'run-live', error: null } as const;
    const { fake, wrapper } = await mountTrain({ 'jobs.list': () => ({ jobs: [job] }) });
    expect(wrapper.find('[data-testid="train-live"] h3').text()).toContain('run-live');
    train(fake, [{ kind: 'epoch', payload: epochMetrics(1) }]);
    await flushPromises();
    expect(curvesOption(wrapper).series[0].data).toEqual([[1, 1]]);
    expect(wrapper.find('[data-testid="train-start"]').attributes('disabled')).toBeDefined();
  });
});
