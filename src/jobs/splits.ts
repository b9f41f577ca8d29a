import type { Split } from '../study/dataset.js';
import { createRng, shuffled } from '../util/rng.js';
import { subSeed } from '../util/seeds.js';
import { STREAM } from './seeds.js';

/** Sample indices of each role, ascending. */
export interface TrainingSplits {
  train: number[];
  validation: number[];
  test: number[];
  /** `dataset`: the dataset's own validation split; `carved`: held out of its training split. */
  validationSource: 'dataset' | 'carved';
}

/**
 * Train, validation and test indices. The dataset's validation split is used when it has one;
 * otherwise a seeded, stratified `fraction` of each class's training samples is held out
 * (rounded, at least one sample overall, never a class's last one). Test samples are never
 * touched, so the carving cannot leak test data into model selection.
 */
export function trainingSplits(samples: readonly { split: Split; label: number }[], seed: number, fraction: number): TrainingSplits {
  const bySplit = (split: Split) => samples.flatMap((s, i) => (s.split === split ? [i] : []));
  const train = bySplit('train');
  const test = bySplit('test');
  const given = bySplit('validation');
  if (given.length > 0) return { train, validation: given, test, validationSource: 'dataset' };

  const rng = createRng(subSeed(seed, STREAM.validation));
  const byClass = new Map<number, number[]>();
  for (const i of train) byClass.set(samples[i].label, [...(byClass.get(samples[i].label) ?? []), i]);
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const order = new Map(classes.map((c) => [c, shuffled(byClass.get(c)!, rng)]));
  const take = new Map(classes.map((c) => [c, Math.min(Math.round(fraction * byClass.get(c)!.length), byClass.get(c)!.length - 1)]));
  if (fraction > 0 && [...take.values()].every((k) => k === 0)) {
    const largest = classes.reduce((a, c) => (byClass.get(c)!.length > byClass.get(a)!.length ? c : a), classes[0]);
    if (largest !== undefined && byClass.get(largest)!.length > 1) take.set(largest, 1);
  }
  const held = new Set(classes.flatMap((c) => order.get(c)!.slice(0, take.get(c))));
  return {
    train: train.filter((i) => !held.has(i)),
    validation: [...held].sort((a, b) => a - b),
    test,
    validationSource: 'carved',
  };
}
