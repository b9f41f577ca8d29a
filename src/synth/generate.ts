import type { Dataset, SampleMeta, Split } from '../study/dataset.js';
import { insideBoxes, synthSpec, SYNTH_FEATURES, SYNTH_STEPS, type Box, type SynthKind } from './boxes.js';
import { createNormalRng } from '../util/rng.js';

/** Class names in label-index order; the signal added inside the boxes is the class's value. */
export const SYNTH_CLASSES = ['-1', '+1'] as const;
export const SYNTH_LABEL_VALUES = [-1, 1] as const;

/** What a synthetic dataset is, beside its values: stored as `synth.json`. */
export interface SynthInfo {
  name: SynthKind;
  seed: number;
  steps: number;
  features: number;
  classes: string[];
  /** Mean of the box cells for each class, by label index. */
  labelValues: number[];
  train: number;
  test: number;
  /** The box sets a sample can get. */
  boxSets: Box[][];
  /** Per sample, in dataset order: index into `boxSets` of its boxes. */
  sampleBoxSet: number[];
}

/** A generated dataset with each sample's ground-truth mask. */
export interface SynthDataset {
  dataset: Dataset;
  /** samples × steps × features, 1 inside the sample's boxes, 0 elsewhere. */
  mask: Uint8Array;
  info: SynthInfo;
}

/**
 * Draws one of the paper's synthetic datasets, deterministically from `seed`: every cell
 * N(0, 1), labels ±1 with equal probability, cells inside the sample's boxes N(label, 1).
 * Training samples come first, then test samples.
 */
export function generateSynth(kind: SynthKind, seed: number, onProgress?: (done: number, total: number) => void): SynthDataset {
  const spec = synthSpec(kind);
  const cells = SYNTH_STEPS * SYNTH_FEATURES;
  const total = spec.train + spec.test;
  const templates = spec.boxSets.map(boxMask);
  const rng = createNormalRng(seed);
  const data = new Float32Array(total * cells);
  const mask = new Uint8Array(total * cells);
  const samples: SampleMeta[] = [];
  const sampleBoxSet: number[] = [];

  for (let s = 0; s < total; s++) {
    const label = rng.uniform() < 0.5 ? 0 : 1;
    const set = Math.floor(rng.uniform() * spec.boxSets.length);
    const value = SYNTH_LABEL_VALUES[label];
    const template = templates[set];
    const offset = s * cells;
    for (let i = 0; i < cells; i++) data[offset + i] = rng.normal() + (template[i] ? value : 0);
    mask.set(template, offset);
    const split: Split = s < spec.train ? 'train' : 'test';
    samples.push({ subject: `synth-${String(s).padStart(6, '0')}`, session: null, run: null, task: kind, onsetSeconds: 0, label, split });
    sampleBoxSet.push(set);
    if (onProgress && ((s + 1) % 250 === 0 || s + 1 === total)) onProgress(s + 1, total);
  }

  const dataset: Dataset = {
    version: 1,
    regions: Array.from({ length: SYNTH_FEATURES }, (_, f) => ({ label: null, name: `f${f}` })),
    classes: [...SYNTH_CLASSES],
    labelBy: 'task',
    window: SYNTH_STEPS,
    stride: SYNTH_STEPS,
    shiftSeconds: 0,
    tr: 1,
    zscored: false,
    seed,
    samples,
    data,
  };
  const info: SynthInfo = {
    name: kind, seed, steps: SYNTH_STEPS, features: SYNTH_FEATURES,
    classes: [...SYNTH_CLASSES], labelValues: [...SYNTH_LABEL_VALUES],
    train: spec.train, test: spec.test, boxSets: spec.boxSets, sampleBoxSet,
  };
  return { dataset, mask, info };
}

/** One sample's mask (steps × features) for a set of boxes. */
function boxMask(boxes: Box[]): Uint8Array {
  const m = new Uint8Array(SYNTH_STEPS * SYNTH_FEATURES);
  for (let t = 0; t < SYNTH_STEPS; t++) {
    for (let f = 0; f < SYNTH_FEATURES; f++) m[t * SYNTH_FEATURES + f] = insideBoxes(boxes, t, f) ? 1 : 0;
  }
  return m;
}
