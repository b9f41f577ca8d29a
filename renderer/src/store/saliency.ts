import { ref, type Ref } from 'vue';
import type { ApiClient } from '../../../src/api/index.js';
import { decodeMatrix, type Matrix } from '../saliency/matrix.js';
import { decodeResult, type DecodedResult } from '../saliency/shown.js';
import { perClient } from './per-client.js';

export interface ResultKey {
  run: string;
  result: string;
}

export interface SampleMatrices {
  abs: Matrix;
  signed: Matrix;
}

export interface SaliencyStore {
  /** A run the screen should preselect and open (the Train screen's "Saliency →" sets a new object each time). */
  request: Ref<{ run: string } | null>;
  /** A stored result, read once and decoded once (later calls answer from memory). */
  load(key: ResultKey): Promise<DecodedResult>;
  /** One sample's maps, read and decoded once. */
  sample(key: ResultKey, position: number): Promise<SampleMatrices>;
}

/** Results and samples kept decoded: a few views' worth (a 400 × 1,200 map is ~2 MB). */
const KEEP_RESULTS = 6;
const KEEP_SAMPLES = 20;

/** The saliency results the screen has read, one store per client (call in a component's setup). */
export const useSaliency: () => SaliencyStore = perClient(createSaliencyStore);

function createSaliencyStore(client: ApiClient): SaliencyStore {
  const results = new Map<string, Promise<DecodedResult>>();
  const samples = new Map<string, Promise<SampleMatrices>>();

  function remember<T>(cache: Map<string, Promise<T>>, key: string, keep: number, make: () => Promise<T>): Promise<T> {
    const known = cache.get(key);
    if (known) {
      // Most recently used last, so the oldest is dropped first.
      cache.delete(key);
      cache.set(key, known);
      return known;
    }
    const made = make();
    cache.set(key, made);
    // A failed read is not kept: the next try asks again.
    made.catch(() => cache.delete(key));
    while (cache.size > keep) cache.delete(cache.keys().next().value as string);
    return made;
  }

  return {
    request: ref(null),
    load: (key) => remember(results, `${key.run}/${key.result}`, KEEP_RESULTS, async () => decodeResult(await client.saliencyView({ run: key.run, result: key.result }))),
    sample: (key, position) => remember(samples, `${key.run}/${key.result}#${position}`, KEEP_SAMPLES, async () => {
      const map = await client.saliencySample({ run: key.run, result: key.result, position });
      return { abs: decodeMatrix(map.abs), signed: decodeMatrix(map.signed) };
    }),
  };
}
