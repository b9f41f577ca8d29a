/** A rectangle of time steps × features, ends exclusive. */
export interface Box {
  t: [start: number, end: number];
  f: [start: number, end: number];
}

/** The paper's synthetic datasets (Ismail et al. 2019, section 5.1). */
export const SYNTH_KINDS = ['earlier', 'middle', 'latter', 'three-earlier', 'three-middle', 'mixed', 'moving'] as const;
export type SynthKind = (typeof SYNTH_KINDS)[number];

/** How one synthetic dataset is drawn. */
export interface SynthSpec {
  kind: SynthKind;
  /** Each sample gets one of these sets, uniformly at random; every box of the set carries the signal. */
  boxSets: Box[][];
  train: number;
  test: number;
}

export const SYNTH_STEPS = 100;
export const SYNTH_FEATURES = 100;

const box = (t0: number, t1: number, f0: number, f1: number): Box => ({ t: [t0, t1], f: [f0, f1] });
const THREE_BANDS: [number, number][] = [[0, 30], [35, 65], [70, 100]];
const threeBoxes = (t0: number, t1: number): Box[] => THREE_BANDS.map(([f0, f1]) => box(t0, t1, f0, f1));

const MIXED: Box[][] = [
  ...[[5, 65], [35, 95]].flatMap(([t0, t1]) => [[5, 65], [35, 95], [20, 80]].map(([f0, f1]) => [box(t0, t1, f0, f1)])),
  [box(20, 80, 20, 80)],
];
const MOVING: Box[][] = [0, 10, 20, 30, 40].map((t0) => [box(t0, t0 + 60, 20, 80)]);

const SPECS: Record<SynthKind, SynthSpec> = {
  earlier: { kind: 'earlier', boxSets: [[box(0, 30, 10, 90)]], train: 1000, test: 300 },
  latter: { kind: 'latter', boxSets: [[box(70, 100, 10, 90)]], train: 1000, test: 300 },
  middle: { kind: 'middle', boxSets: [[box(20, 80, 20, 80)]], train: 1000, test: 300 },
  'three-earlier': { kind: 'three-earlier', boxSets: [threeBoxes(0, 40)], train: 1000, test: 300 },
  'three-middle': { kind: 'three-middle', boxSets: [threeBoxes(25, 65)], train: 1000, test: 300 },
  mixed: { kind: 'mixed', boxSets: MIXED, train: 8000, test: 1000 },
  moving: { kind: 'moving', boxSets: MOVING, train: 1000, test: 300 },
};

/** The definition of a synthetic dataset (a fresh copy, safe to modify). */
export function synthSpec(kind: SynthKind): SynthSpec {
  return structuredClone(SPECS[kind]);
}

/** Whether `(t, f)` lies inside any box of `boxes`. */
export function insideBoxes(boxes: readonly Box[], t: number, f: number): boolean {
  return boxes.some((b) => t >= b.t[0] && t < b.t[1] && f >= b.f[0] && f < b.f[1]);
}
