// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { appInfo, folderListing, type ChannelResponse } from '../../src/api/index.js';
import FolderBrowser from '../../renderer/src/components/FolderBrowser.vue';
import { fakeApi, storesOf } from './fake-client.js';
import { APP_INFO } from './study-fixtures.js';


const H = (name: string) => `h_${name.padEnd(16, '0')}`;

/** A home folder holding `studies/motor` (a study folder with a manifest) and a file. */
const FOLDERS: Record<string, ChannelResponse<'files.browse'>> = {
  [H('home')]: folderListing.parse({
    handle: H('home'), path: '/home/ana', parent: null, truncated: false,
    entries: [{ name: 'studies', kind: 'folder', handle: H('studies') }, { name: 'notes.txt', kind: 'file', handle: H('notes') }],
  }),
  [H('studies')]: folderListing.parse({
    handle: H('studies'), path: '/home/ana/studies', parent: H('home'), truncated: false,
    entries: [{ name: 'motor', kind: 'folder', handle: H('motor') }],
  }),
  [H('motor')]: folderListing.parse({
    handle: H('motor'), path: '/home/ana/studies/motor', parent: H('studies'), truncated: true,
    entries: [{ name: 'sub-01', kind: 'folder', handle: H('sub01') }, { name: 'runs.tsv', kind: 'file', handle: H('manifest') }],
  }),
};

function mountBrowser(pick?: 'folder' | 'file' | 'any') {
  const api = fakeApi({
    'files.roots': () => ({ roots: [{ handle: H('home'), name: 'Home', path: '/home/ana' }] }),
    'files.browse': ({ handle }) => FOLDERS[handle],
  });
  const wrapper = mount(FolderBrowser, { props: pick ? { pick } : {}, global: api.global });
  return { api, wrapper };
}

const entries = (wrapper: ReturnType<typeof mountBrowser>['wrapper']) => wrapper.findAll('[data-testid="fb-entry"]').map((e) => e.attributes('data-name'));

describe('FolderBrowser', () => {
  it('opens in its root, navigates down by handle and back up through the parent, and chooses the folder it is in', async () => {
    const { api, wrapper } = mountBrowser();
    await flushPromises();
    expect(entries(wrapper)).toEqual(['studies', 'notes.txt']);
    expect(wrapper.find('[data-testid="fb-up"]').exists()).toBe(false);
    await wrapper.get('[data-name="studies"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-name="motor"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="fb-path"]').text()).toBe('/home/ana/studies/motor');
    expect(wrapper.findAll('[data-testid="fb-crumb"]').map((c) => c.text())).toEqual(['Home', 'studies', 'motor']);
    expect(wrapper.text()).toContain('More entries than shown');

    await wrapper.get('[data-testid="fb-up"]').trigger('click');
    await flushPromises();
    expect(entries(wrapper)).toEqual(['motor']);
    expect(api.callsTo('files.browse').map((r) => r.handle)).toEqual([H('home'), H('studies'), H('motor'), H('studies')]);

    await wrapper.get('[data-name="motor"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="fb-choose"]').trigger('click');
    expect(wrapper.emitted('choose')).toEqual([[{ handle: H('motor'), kind: 'folder', path: '/home/ana/studies/motor' }]]);

    await wrapper.get('[data-testid="fb-up"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="fb-up"]').trigger('click');
    await flushPromises();
    expect(entries(wrapper)).toEqual(['studies', 'notes.txt']);
    expect(wrapper.find('[data-testid="fb-up"]').exists()).toBe(false);
  });

  it('starts in the first place that is not the workspace, where the user\'s data is', async () => {
    const api = fakeApi({
      'files.roots': () => ({ roots: [{ handle: H('ws'), name: 'SaliencyStudio', path: '/home/ana/SaliencyStudio' }, { handle: H('home'), name: 'Home', path: '/home/ana' }] }),
      'files.browse': ({ handle }) => FOLDERS[handle],
    });
    const session = storesOf(api.client).session;
    session.info.value = appInfo.parse(APP_INFO);
    const wrapper = mount(FolderBrowser, { global: api.global });
    await flushPromises();
    expect(api.callsTo('files.browse')).toEqual([{ handle: H('home') }]);
    expect(wrapper.findAll('[data-testid="fb-root"]').map((r) => r.text())).toEqual(['SaliencyStudio', 'Home']);
  });

  it('jumps back along the breadcrumbs', async () => {
    const { wrapper } = mountBrowser();
    await flushPromises();
    await wrapper.get('[data-testid="fb-root"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-name="studies"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-name="motor"]').trigger('click');
    await flushPromises();
    await wrapper.findAll('[data-testid="fb-crumb"]')[0].trigger('click');
    await flushPromises();
    expect(entries(wrapper)).toEqual(['studies', 'notes.txt']);
    expect(wrapper.findAll('[data-testid="fb-crumb"]').map((c) => c.text())).toEqual(['Home']);
  });

  it('emits a selected file (a manifest) by its handle, with its path to show', async () => {
    const { wrapper } = mountBrowser('any');
    await flushPromises();
    await wrapper.get('[data-testid="fb-root"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-name="studies"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-name="motor"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-name="runs.tsv"]').trigger('click');
    expect(wrapper.get('[data-testid="fb-choose"]').text()).toBe('Choose this file');
    await wrapper.get('[data-testid="fb-choose"]').trigger('click');
    expect(wrapper.emitted('choose')).toEqual([[{ handle: H('manifest'), kind: 'file', path: '/home/ana/studies/motor/runs.tsv' }]]);
  });

  it('in file mode cannot choose a folder; in folder mode cannot select a file', async () => {
    const files = mountBrowser('file');
    await flushPromises();
    await files.wrapper.get('[data-testid="fb-root"]').trigger('click');
    await flushPromises();
    expect(files.wrapper.get('[data-testid="fb-choose"]').attributes('disabled')).toBeDefined();

    const folders = mountBrowser('folder');
    await flushPromises();
    await folders.wrapper.get('[data-testid="fb-root"]').trigger('click');
    await flushPromises();
    expect(folders.wrapper.get('[data-name="notes.txt"]').attributes('disabled')).toBeDefined();
  });

  it('shows a refused folder as an error with its field', async () => {
    const api = fakeApi({
      'files.roots': () => ({ roots: [{ handle: H('home'), name: 'Home', path: '/home/ana' }] }),
      'files.browse': () => { throw Object.assign(new Error('outside the roots'), { name: 'StudyError', input: { file: '/etc', field: 'handle', value: H('etc'), expected: 'a folder inside the roots' } }); },
    });
    const wrapper = mount(FolderBrowser, { global: api.global });
    await flushPromises();
    await wrapper.get('[data-testid="fb-root"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="error-expected"]').text()).toBe('a folder inside the roots');
  });
});
