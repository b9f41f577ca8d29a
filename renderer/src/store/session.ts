import { ref, shallowRef, watch, type Ref } from 'vue';
import type { ApiClient } from '../../../src/api/index.js';
import { perClient } from './per-client.js';
import type { AppInfo, AtlasChoice, ParcellationResult, StudyListing, WorkspaceListing } from '../types.js';

export interface SessionStore {
  info: Ref<AppInfo | null>;
  listing: Ref<WorkspaceListing | null>;
  /** Why the last refresh failed (null when it worked). */
  refreshError: Ref<unknown>;
  /** Reloads the app info and the workspace listing. */
  refresh(): Promise<void>;
  /** The study open in the Study screen (its `handle` is the source every study channel takes). */
  study: Ref<StudyListing | null>;
  studySpace: Ref<string | undefined>;
  /** undefined: the bundled AAL. */
  atlas: Ref<AtlasChoice | undefined>;
  /** The open study has been parcellated with that atlas (reset when either changes). */
  parcellated: Ref<boolean>;
  /** What that parcellation did, run by run (null until it ran). */
  parcellation: Ref<ParcellationResult | null>;
  /** Name of the dataset built last (the Train screen preselects it). */
  lastDataset: Ref<string | null>;
}

/** What the screens share about this session, one store per client (call in a component's setup). */
export const useSession: () => SessionStore = perClient(createSession);

function createSession(client: ApiClient): SessionStore {
  const info = shallowRef<AppInfo | null>(null);
  const listing = shallowRef<WorkspaceListing | null>(null);
  const refreshError = ref<unknown>(null);
  const study = shallowRef<StudyListing | null>(null);
  const studySpace = ref<string | undefined>(undefined);
  const atlas = shallowRef<AtlasChoice | undefined>(undefined);
  const parcellated = ref(false);
  const parcellation = shallowRef<ParcellationResult | null>(null);
  const lastDataset = ref<string | null>(null);

  async function refreshListing(): Promise<void> {
    try {
      listing.value = await client.workspaceList({});
      refreshError.value = null;
    } catch (error) {
      refreshError.value = error;
    }
  }

  async function refresh(): Promise<void> {
    try {
      const [appInfo, workspace] = await Promise.all([client.appInfo({}), client.workspaceList({})]);
      info.value = appInfo;
      listing.value = workspace;
      refreshError.value = null;
    } catch (error) {
      refreshError.value = error;
    }
  }

  watch([study, atlas, studySpace], () => {
    parcellated.value = false;
    parcellation.value = null;
  }, { flush: 'sync' });

  client.onEvent((event) => {
    if (event.kind === 'workspace.changed') void refreshListing();
  });

  return { info, listing, refreshError, refresh, study, studySpace, atlas, parcellated, parcellation, lastDataset };
}
