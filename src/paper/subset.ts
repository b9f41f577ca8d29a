import type { SynthDataset } from '../synth/index.js';
import { pickRows } from '../util/rows.js';

/**
 * The first `train` training and `test` test samples of a synthetic dataset, with their masks:
 * the reduced data of `reproduce-paper --quick`. Counts above what exists keep everything.
 */
export function subsetSynth(synth: SynthDataset, train: number, test: number): SynthDataset {
  const { dataset, mask, info } = synth;
  const keep: number[] = [];
  const taken = { train: 0, validation: 0, test: 0 };
  const limit = { train, validation: 0, test };
  dataset.samples.forEach((s, i) => {
    if (taken[s.split] < limit[s.split]) {
      taken[s.split]++;
      keep.push(i);
    }
  });
  const cells = dataset.window * dataset.regions.length;
  return {
    dataset: { ...dataset, samples: keep.map((i) => dataset.samples[i]), data: pickRows(dataset.data, keep, cells) },
    mask: pickRows(mask, keep, cells),
    info: { ...info, train: taken.train, test: taken.test, sampleBoxSet: keep.map((i) => info.sampleBoxSet[i]) },
  };
}
