// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import App from '../../renderer/src/App.vue';
import { CONNECTION_KEY } from '../../renderer/src/client/inject.js';
import { createConnection } from '../../renderer/src/client/connection.js';
import { fakeApi } from './fake-client.js';
import { AAL, APP_INFO, EMPTY_LISTING, job } from './study-fixtures.js';

// The Design and Train screens have their own tests; here they only need to be told apart.
vi.mock('../../renderer/src/screens/DesignScreen.vue', () => ({ default: defineComponent({ setup: () => () => h('div', { 'data-testid': 'design-stub' }) }) }));
vi.mock('../../renderer/src/screens/TrainScreen.vue', () => ({ default: defineComponent({ setup: () => () => h('div', { 'data-testid': 'train-stub' }) }) }));

const testid = (id: string) => `[data-testid="${id}"]`;

function setup() {
  const api = fakeApi({ 'app.info': () => APP_INFO, 'workspace.list': () => EMPTY_LISTING, 'jobs.list': () => ({ jobs: [] }), 'atlas.describe': () => AAL });
  const connection = createConnection('connecting');
  const wrapper = mount(App, { global: { provide: { ...api.global.provide, [CONNECTION_KEY as symbol]: connection } } });
  return { api, connection, wrapper };
}

describe('the app shell', () => {
  it('shows the workspace, the connection, and the Study tab with the welcome on first start', async () => {
    const { wrapper, connection } = setup();
    await flushPromises();
    expect(wrapper.get(testid('workspace-path')).text()).toContain('/home/ana/SaliencyStudio');
    expect(wrapper.get(testid('connection')).attributes('data-state')).toBe('connecting');
    connection.state = 'open';
    await flushPromises();
    expect(wrapper.get(testid('connection')).attributes('data-state')).toBe('open');
    expect(wrapper.get(testid('tab-study')).attributes('aria-selected')).toBe('true');
    expect(wrapper.find(testid('welcome')).exists()).toBe(true);
    expect(wrapper.find(testid('open-demo')).exists()).toBe(true);
  });

  it('switches screens by tab and keeps the Study screen as it was', async () => {
    const { wrapper } = setup();
    await flushPromises();
    await wrapper.get(testid('tab-design')).trigger('click');
    expect(wrapper.find(testid('design-stub')).exists()).toBe(true);
    expect(wrapper.find(testid('study-screen')).exists()).toBe(false);
    await wrapper.get(testid('tab-train')).trigger('click');
    expect(wrapper.find(testid('train-stub')).exists()).toBe(true);
    await wrapper.get(testid('tab-study')).trigger('click');
    expect(wrapper.find(testid('study-screen')).exists()).toBe(true);
  });

  it('says the connection is lost while it is, and reloads the lists when it comes back', async () => {
    const { api, wrapper, connection } = setup();
    await flushPromises();
    const before = { listings: api.callsTo('workspace.list').length, jobs: api.callsTo('jobs.list').length };
    Object.assign(connection, { state: 'lost', attempts: 2 });
    await flushPromises();
    expect(wrapper.get(testid('connection-lost')).text()).toContain('reconnecting');
    Object.assign(connection, { state: 'open', attempts: 0, reopened: 1 });
    await flushPromises();
    expect(wrapper.find(testid('connection-lost')).exists()).toBe(false);
    expect(api.callsTo('workspace.list').length).toBe(before.listings + 1);
    expect(api.callsTo('jobs.list').length).toBe(before.jobs + 1);
  });

  it('lists running jobs in the jobs drawer with their progress', async () => {
    const { api, wrapper } = setup();
    await flushPromises();
    await api.emit({ kind: 'job.started', job: job('job-3', 'train', 'Train lstm-ica on demo') });
    expect(wrapper.get(testid('jobs-running')).text()).toBe('1');
    await wrapper.get(testid('jobs-toggle')).trigger('click');
    const panel = wrapper.get(testid('jobs-panel'));
    expect(panel.get(testid('job-progress')).attributes('data-job')).toBe('job-3');
    expect(panel.text()).toContain('Train lstm-ica on demo');
  });
});
