import type { Dataset, SampleMeta, Split } from '../../../src/study/dataset.js';
import { writeDatasetCache } from '../../../src/study/cache.js';
import { createRng } from '../../../src/util/rng.js';

export interface ToySpec {
  /** Samples per class in each split, e.g. { train: [12, 4], test: [3, 3] }. */
  counts: Partial<Record<Split, number[]>>;
  window?: number;
  regions?: number;
  /** Added to feature (class mod regions) of a sample of that class: larger is easier. */
  separation?: number;
  seed?: number;
}

/** A small labelled dataset of Gaussian noise with a class-dependent shift, in the cache format. */
export function toyDataset(spec: ToySpec): Dataset {
  const { window = 4, regions = 3, separation = 1.5, seed = 7 } = spec;
  const classes = Math.max(...Object.values(spec.counts).map((c) => c!.length));
  const rng = createRng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const samples: SampleMeta[] = [];
  for (const split of ['train', 'validation', 'test'] as const) {
    (spec.counts[split] ?? []).forEach((n, label) => {
      for (let i = 0; i < n; i++) samples.push({ subject: `s${samples.length}`, session: null, run: null, task: `c${label}`, onsetSeconds: 0, label, split });
    });
  }
  const data = new Float32Array(samples.length * window * regions);
  samples.forEach((s, i) => {
    for (let t = 0; t < window; t++) {
      for (let r = 0; r < regions; r++) data[(i * window + t) * regions + r] = gauss() + (r === s.label % regions ? separation : 0);
    }
  });
  return {
    version: 1, regions: Array.from({ length: regions }, (_, r) => ({ label: r + 1, name: `R${r + 1}` })),
    classes: Array.from({ length: classes }, (_, c) => `class${c}`), labelBy: 'task', window, stride: window,
    shiftSeconds: 0, tr: 2, zscored: false, seed, samples, data,
  };
}

/** Writes a toy dataset into `dir` and returns the dir. */
export async function writeToyDataset(dir: string, spec: ToySpec): Promise<string> {
  await writeDatasetCache(dir, toyDataset(spec));
  return dir;
}
