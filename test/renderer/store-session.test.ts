// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { studyListing, workspaceListing } from '../../src/api/index.js';
import { fakeApi, storesOf } from './fake-client.js';
import { APP_INFO, DEMO_ROW, EMPTY_LISTING, STUDY } from './study-fixtures.js';


describe('the session store', () => {
  it('loads the app info and the listing, and reloads the listing when the workspace changes', async () => {
    let listing = EMPTY_LISTING;
    const api = fakeApi({ 'app.info': () => APP_INFO, 'workspace.list': () => listing });
    const session = storesOf(api.client).session;
    await session.refresh();
    expect(session.info.value?.workspace.path).toBe('/home/ana/SaliencyStudio');
    expect(session.listing.value?.studies).toEqual([]);
    listing = workspaceListing.parse({ ...EMPTY_LISTING, studies: [DEMO_ROW] });
    await api.emit({ kind: 'workspace.changed' });
    expect(session.listing.value?.studies).toEqual([DEMO_ROW]);
    expect(api.callsTo('app.info')).toHaveLength(1);
  });

  it('keeps a failed refresh as an error to show', async () => {
    const api = fakeApi({ 'app.info': () => APP_INFO, 'workspace.list': () => { throw new Error('disk gone'); } });
    const session = storesOf(api.client).session;
    await session.refresh();
    expect((session.refreshError.value as Error).message).toBe('disk gone');
  });

  it('forgets a parcellation when the study, its space or the atlas changes', async () => {
    const session = storesOf(fakeApi({}).client).session;
    const study = studyListing.parse(STUDY);
    session.study.value = study;
    session.parcellated.value = true;
    session.atlas.value = { labels: 'h_labels000000000001' };
    expect(session.parcellated.value).toBe(false);
    session.parcellated.value = true;
    session.studySpace.value = 'MNI152NLin2009cAsym';
    expect(session.parcellated.value).toBe(false);
    session.parcellated.value = true;
    session.study.value = studyListing.parse(STUDY);
    expect(session.parcellated.value).toBe(false);
    await flushPromises();
  });
});
