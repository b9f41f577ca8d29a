import { onBeforeUnmount, ref, watch, type Ref, type WatchSource } from 'vue';
import type { ApiClient } from '../../../../src/api/index.js';
import type { DatasetPreview } from '../../types.js';
import { designProblems, type DatasetDesign } from './design-form.js';

/** What the preview asks about: the study (by handle, with its space) and the design. */
export interface PreviewQuestion { source: string; space?: string; design: DatasetDesign }

/**
 * Re-runs dataset.preview whenever the question changes, debounced by `delayMs`; an answer
 * that arrives after a newer question was asked is dropped, so the table always matches the
 * form. A design the contract rejects is not sent: `problems` names its fields instead.
 */
export function usePreview(client: ApiClient, question: WatchSource<PreviewQuestion | null>, delayMs = 250) {
  const preview: Ref<DatasetPreview | null> = ref(null);
  const error = ref<unknown>(null);
  const loading = ref(false);
  const problems = ref(designProblems({}));
  let asked = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function ask(q: PreviewQuestion, id: number) {
    try {
      const answer = await client.datasetPreview({ source: q.source, ...(q.space ? { space: q.space } : {}), design: q.design });
      if (id === asked) { preview.value = answer; error.value = null; }
    } catch (e) {
      if (id === asked) error.value = e;
    } finally {
      if (id === asked) loading.value = false;
    }
  }

  watch(question, (q) => {
    clearTimeout(timer);
    const id = ++asked;
    if (!q) { preview.value = null; loading.value = false; return; }
    problems.value = designProblems(q.design);
    if (problems.value.length) { loading.value = false; return; }
    loading.value = true;
    timer = setTimeout(() => void ask(q, id), delayMs);
  }, { immediate: true, deep: true });

  onBeforeUnmount(() => { clearTimeout(timer); asked++; });
  return { preview, error, loading, problems };
}
