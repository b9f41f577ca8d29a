// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { appInfo, atlasInfo, imageSummary, qcSeries, studyListing, workspaceListing } from '../../src/api/index.js';
import StudyScreen from '../../renderer/src/screens/StudyScreen.vue';
import { fakeApi, storesOf, type Answers } from './fake-client.js';
import { AAL, APP_INFO, DEMO_ROW, EMPTY_LISTING, STUDY, job, motorQc } from './study-fixtures.js';

vi.mock('../../renderer/src/components/chart.js', () => ({
  VChart: defineComponent({ name: 'VChart', props: { option: { type: Object, required: true } }, setup: () => () => h('div') }),
}));

const MOTOR_01 = STUDY.runs[0];
const PARCELLATED = {
  runs: STUDY.runs.map((r, i) => ({
    name: r.name, file: r.file, fromCache: i < 2, volumes: 120, regions: i === 4 ? 6 : 8,
    vanished: i === 4 ? [{ label: 2007, name: 'Cerebelum_10_L' }, { label: 2008, name: 'Cerebelum_10_R' }] : [], warnings: [],
  })),
  imported: [],
};


function setup(answers: Answers = {}, { open = true } = {}) {
  const api = fakeApi({
    'jobs.list': () => ({ jobs: [] }),
    'atlas.describe': () => AAL,
    'app.info': () => APP_INFO,
    'workspace.list': () => EMPTY_LISTING,
    ...answers,
  });
  const session = storesOf(api.client).session;
  session.info.value = appInfo.parse(APP_INFO);
  session.listing.value = workspaceListing.parse(EMPTY_LISTING);
  if (open) session.study.value = studyListing.parse(STUDY);
  const wrapper = mount(StudyScreen, { global: api.global, attachTo: document.body });
  return { api, session, wrapper };
}

const testid = (id: string) => `[data-testid="${id}"]`;

describe('the Study screen', () => {
  it('the fixture is a study listing as the app sends it', () => {
    expect(() => studyListing.parse(STUDY)).not.toThrow();
  });

  it('summarises the study: counts, TRs with where they came from, grids and events', async () => {
    const { wrapper } = setup();
    await flushPromises();
    const summary = wrapper.get(testid('study-summary'));
    expect(summary.findAll('.counts li').map((li) => li.text())).toEqual(['3 subjects', '1 session', '6 runs', '2 tasks']);
    expect(summary.get(testid('count-subjects')).text()).toBe('3');
    expect(summary.get(testid('count-sessions')).text()).toBe('1');
    expect(summary.get(testid('count-runs')).text()).toBe('6');
    expect(summary.get(testid('count-tasks')).text()).toBe('2');
    const tr = summary.get(testid('summary-tr')).text().replace(/\s+/g, ' ');
    expect(tr).toContain('2 s from the sidecar (2 files) — 4 runs');
    expect(tr).toContain('2.5 s from the sidecar (sub-02_ses-1_task-motor_bold.json) — 1 run');
    expect(tr).toContain('unknown for 1 run');
    const grid = summary.get(testid('summary-grid')).text().replace(/\s+/g, ' ');
    expect(grid).toContain('91 × 109 × 91 voxels of 2 × 2 × 2 mm — 5 runs');
    expect(grid).toContain('64 × 64 × 40 voxels of 3 × 3 × 3.5 mm — 1 run');
    expect(summary.get(testid('summary-events')).text()).toContain('24 events in 3 of 6 runs; trial types left, right');
  });

  it('lists every problem, errors first, each with its file under the study folder', async () => {
    const { wrapper } = setup();
    await flushPromises();
    expect(wrapper.get(testid('problem-count')).text()).toBe('1 error, 2 warnings');
    const problems = wrapper.findAll(testid('problem'));
    expect(problems.map((p) => p.attributes('data-severity'))).toEqual(['error', 'warning', 'warning']);
    expect(problems[0].text()).toContain('The repetition time is known nowhere');
    expect(problems[0].get('.problem-file').text()).toBe('sub-02/ses-1/func/sub-02_ses-1_task-rest_bold.nii.gz');
    expect(problems[0].classes()).toContain('error');
    expect(problems[1].classes()).toContain('warning');
  });

  it('shows one row per run with its TR origin, grid and events', async () => {
    const { wrapper } = setup();
    await flushPromises();
    const rows = wrapper.findAll(testid('run-row'));
    expect(rows.map((r) => r.attributes('data-run'))).toEqual(STUDY.runs.map((r) => r.name));
    expect(rows[0].get(testid('run-tr')).text()).toContain('2 s sidecar');
    expect(rows[2].get(testid('run-tr')).text()).toContain('header says 2 s');
    expect(rows[3].get(testid('run-tr')).text()).toBe('unknown');
    expect(rows[0].get(testid('run-events')).text()).toContain('8 events');
    expect(rows[1].get(testid('run-events')).text()).toBe('none');
    expect(rows[4].text()).toContain('64 × 64 × 40 @ 3 × 3 × 3.5 mm');
  });

  it('says to parcellate before QC, and shows the bundled atlas with its region count', async () => {
    const { wrapper } = setup();
    await flushPromises();
    expect(wrapper.find(testid('qc-panel')).exists()).toBe(false);
    expect(wrapper.get(testid('qc-hint')).text()).toContain('Parcellate to see QC');
    expect(wrapper.get(testid('atlas-name')).text()).toBe('AAL');
    expect(wrapper.get(testid('atlas-regions')).text()).toBe(`${AAL.regions.length} regions`);
  });

  it('parcellates with per-run progress and cancel, then shows regions kept and dropped and the QC plot', async () => {
    const { api, session, wrapper } = setup({
      'study.parcellate': () => ({ jobId: 'job-1' }),
      'jobs.cancel': () => ({}),
      'study.qc': ({ regions }) => motorQc(regions),
    });
    await flushPromises();
    await wrapper.get(testid('parcellate')).trigger('click');
    await flushPromises();
    expect(api.callsTo('study.parcellate')).toEqual([{ source: STUDY.handle }]);
    await api.emit({ kind: 'job.started', job: job('job-1', 'parcellate', 'Parcellate motor') });
    // As parcellateStudy reports: `runs` steps naming the run, `volumes` within it.
    await api.emit({ kind: 'job.progress', jobId: 'job-1', progress: { phase: 'runs', done: 0, total: 6, etaSeconds: null, item: STUDY.runs[0].name } });
    await api.emit({ kind: 'job.progress', jobId: 'job-1', progress: { phase: 'volumes', done: 60, total: 120, etaSeconds: 3, item: STUDY.runs[0].name } });
    await api.emit({ kind: 'job.progress', jobId: 'job-1', progress: { phase: 'runs', done: 1, total: 6, etaSeconds: 40, item: STUDY.runs[1].name } });
    const progress = wrapper.get(testid('job-progress'));
    expect(progress.get(testid('job-count')).text()).toBe('1 / 6');
    expect(progress.get(testid('job-item')).text()).toBe(STUDY.runs[1].name);
    expect(progress.get(testid('job-eta')).text()).toBe('about 40 s left');
    expect(wrapper.get(testid('parcellate-runs')).text()).toBe(`Run 2 of 6: ${STUDY.runs[1].name}`);
    const during = wrapper.findAll(testid('run-regions')).map((r) => r.text());
    expect(during.slice(0, 3)).toEqual(['parcellated', 'parcellating…', '—']);
    await progress.get(testid('job-cancel')).trigger('click');
    expect(api.callsTo('jobs.cancel')).toEqual([{ jobId: 'job-1' }]);

    await api.emit({ kind: 'job.done', jobId: 'job-1', outcome: { job: 'parcellate', result: PARCELLATED } });
    expect(session.parcellated.value).toBe(true);
    expect(wrapper.find(testid('job-progress')).exists()).toBe(false);
    expect(wrapper.get(testid('parcellated')).text()).toContain('Parcellated 6 runs (2 from the cache)');
    expect(wrapper.get(testid('dropped-regions')).text()).toContain('Cerebelum_10_L, Cerebelum_10_R');
    const regions = wrapper.findAll(testid('run-regions')).map((r) => r.text());
    expect(regions[0]).toBe('8 kept');
    expect(regions[4]).toBe('6 kept, 2 dropped');

    // The QC request is debounced (150 ms): wait for it rather than for a fixed time (a loaded machine is slow).
    await vi.waitFor(() => expect(api.callsTo('study.qc')).toEqual([{ source: STUDY.handle, run: MOTOR_01.name, regions: ['Precentral_L', 'Precentral_R', 'Frontal_Sup_L'] }]), { timeout: 5000 });
    await flushPromises();
    expect(wrapper.find(testid('qc-plot')).exists()).toBe(true);
    // The picker now offers the run's own regions (the answer's `available`).
    expect(wrapper.findAll(testid('qc-region-option'))).toHaveLength(qcSeries.parse(motorQc([])).available.length);
    wrapper.unmount();
  });

  it('picks QC regions by name, at most six, and asks for the chosen run', async () => {
    const { api, session, wrapper } = setup({ 'study.qc': ({ regions }) => motorQc(regions) });
    session.parcellated.value = true;
    await flushPromises();
    await wrapper.get(testid('qc-region-filter')).setValue('supp');
    expect(wrapper.findAll(testid('qc-region-option')).map((o) => o.attributes('data-name'))).toEqual(['Supp_Motor_Area_L', 'Supp_Motor_Area_R']);
    await wrapper.get('[data-testid="qc-region-option"][data-name="Supp_Motor_Area_L"]').setValue(true);
    await wrapper.get('[data-testid="qc-region-chip"][data-name="Precentral_R"]').trigger('click');
    await wrapper.get(testid('qc-run')).setValue(STUDY.runs[2].name);
    await vi.waitFor(() => expect(api.callsTo('study.qc').at(-1)).toEqual({ source: STUDY.handle, run: STUDY.runs[2].name, regions: ['Precentral_L', 'Frontal_Sup_L', 'Supp_Motor_Area_L'] }), { timeout: 5000 });
    await flushPromises();
    await wrapper.get(testid('qc-region-filter')).setValue('');
    for (const name of ['Frontal_Sup_R', 'Supp_Motor_Area_R', 'Precentral_R']) {
      await wrapper.get(`[data-testid="qc-region-option"][data-name="${name}"]`).setValue(true);
    }
    const unchecked = wrapper.findAll(testid('qc-region-option')).filter((o) => !(o.element as HTMLInputElement).checked);
    expect(unchecked.every((o) => o.attributes('disabled') !== undefined)).toBe(true);
    expect(wrapper.findAll(testid('qc-region-chip'))).toHaveLength(6);
    wrapper.unmount();
  });

  it('shows a run\u2019s header summary in a side panel when its name is clicked', async () => {
    const summary = imageSummary.parse({
      file: MOTOR_01.file, format: 'NIfTI-1', shape: [91, 109, 91, 120], datatype: 'float32', endianness: 'little', zooms: [2, 2, 2, 2],
      affine: [[-2, 0, 0, 90], [0, 2, 0, -126], [0, 0, 2, -72], [0, 0, 0, 1]], sformCode: 4, qformCode: 4, sclSlope: null, sclInter: null,
      scalingApplied: false, tr: 2, spatialUnit: 'mm', timeUnit: 's', voxels: 108_297_480, nonFinite: 0, nan: 0, min: 0, max: 912.5, sum: 1e9, mean: 9.2, warnings: [],
    });
    const { api, wrapper } = setup({ 'study.inspect': () => summary });
    await flushPromises();
    await wrapper.findAll(testid('run-inspect'))[0].trigger('click');
    await flushPromises();
    expect(api.callsTo('study.inspect')).toEqual([{ file: MOTOR_01.fileHandle }]);
    const panel = wrapper.get(testid('inspect-panel'));
    expect(panel.get(testid('inspect-shape')).text()).toBe('91 × 109 × 91 × 120');
    expect(panel.get(testid('inspect-tr')).text()).toContain('2 s');
    await panel.get(testid('inspect-close')).trigger('click');
    expect(wrapper.find(testid('inspect-panel')).exists()).toBe(false);
  });

  it('on first start opens the demo study in one click: runs the demo job, then opens the study it made', async () => {
    const { api, wrapper } = setup({
      'study.demo': () => ({ jobId: 'job-1' }),
      'study.open': () => STUDY,
    }, { open: false });
    await flushPromises();
    expect(wrapper.find(testid('welcome')).exists()).toBe(true);
    await wrapper.get(testid('open-demo')).trigger('click');
    await flushPromises();
    await api.emit({ kind: 'job.started', job: job('job-1', 'demoStudy', 'Make the demo study') });
    expect(wrapper.get(testid('job-progress')).text()).toContain('Make the demo study');
    await api.emit({ kind: 'job.done', jobId: 'job-1', outcome: { job: 'demoStudy', result: DEMO_ROW } });
    await flushPromises();
    expect(api.callsTo('study.open')).toEqual([{ source: DEMO_ROW.handle }]);
    expect(wrapper.find(testid('study-summary')).exists()).toBe(true);
    expect(wrapper.find(testid('welcome')).exists()).toBe(false);
  });

  it('opens "my data" through the folder browser in browser mode', async () => {
    const root = { handle: 'h_home000000000000000', name: 'Home', path: '/home/ana' };
    const { api, wrapper } = setup({
      'files.roots': () => ({ roots: [root] }),
      'files.browse': () => ({ handle: root.handle, path: root.path, parent: null, entries: [], truncated: false }),
      'study.open': () => STUDY,
    }, { open: false });
    await flushPromises();
    await wrapper.get(testid('open-my-data')).trigger('click');
    await flushPromises();
    await wrapper.get(testid('fb-choose')).trigger('click');
    await flushPromises();
    expect(api.callsTo('study.open')).toEqual([{ source: root.handle }]);
    expect(wrapper.find(testid('folder-browser')).exists()).toBe(false);
    expect(wrapper.findAll(testid('run-row'))).toHaveLength(6);
  });

  it('lists the workspace\u2019s studies and shows why one could not be opened', async () => {
    const { api, session, wrapper } = setup({
      'study.open': () => { throw Object.assign(new Error('no runs'), { name: 'StudyError', code: 'STUDY_EMPTY', input: { file: DEMO_ROW.path, field: 'runs', value: 0, expected: 'at least one *_bold.nii(.gz) under sub-*/func' } }); },
    }, { open: false });
    session.listing.value = workspaceListing.parse({ ...EMPTY_LISTING, studies: [DEMO_ROW] });
    await flushPromises();
    expect(wrapper.find(testid('welcome')).exists()).toBe(false);
    await wrapper.get(testid('study-row')).trigger('click');
    await flushPromises();
    expect(api.callsTo('study.open')).toEqual([{ source: DEMO_ROW.handle }]);
    expect(wrapper.get(testid('error-field')).text()).toBe('runs');
    expect(wrapper.get(testid('error-value')).text()).toBe('0');
  });
});

describe('the atlas fixture', () => {
  it('is an atlas as atlas.describe answers it', () => {
    expect(atlasInfo.parse(AAL).regions).toHaveLength(8);
  });
});
