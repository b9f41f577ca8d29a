import { describe, expect, it } from 'vitest';
import { synthSpec, SYNTH_KINDS, type Box, type SynthKind } from '../../src/synth/index.js';

const b = (t0: number, t1: number, f0: number, f1: number): Box => ({ t: [t0, t1], f: [f0, f1] });

/** The table of the issue (time, features; ends exclusive), written out by hand. */
const EXPECTED: Record<SynthKind, { sets: Box[][]; train: number; test: number }> = {
  earlier: { sets: [[b(0, 30, 10, 90)]], train: 1000, test: 300 },
  latter: { sets: [[b(70, 100, 10, 90)]], train: 1000, test: 300 },
  middle: { sets: [[b(20, 80, 20, 80)]], train: 1000, test: 300 },
  'three-earlier': { sets: [[b(0, 40, 0, 30), b(0, 40, 35, 65), b(0, 40, 70, 100)]], train: 1000, test: 300 },
  'three-middle': { sets: [[b(25, 65, 0, 30), b(25, 65, 35, 65), b(25, 65, 70, 100)]], train: 1000, test: 300 },
  mixed: {
    sets: [
      [b(5, 65, 5, 65)], [b(5, 65, 35, 95)], [b(5, 65, 20, 80)],
      [b(35, 95, 5, 65)], [b(35, 95, 35, 95)], [b(35, 95, 20, 80)],
      [b(20, 80, 20, 80)],
    ],
    train: 8000, test: 1000,
  },
  moving: { sets: [[b(0, 60, 20, 80)], [b(10, 70, 20, 80)], [b(20, 80, 20, 80)], [b(30, 90, 20, 80)], [b(40, 100, 20, 80)]], train: 1000, test: 300 },
};

const key = (set: Box[]) => JSON.stringify(set);

describe('synthetic dataset definitions', () => {
  it('lists the seven datasets of the paper', () => {
    expect([...SYNTH_KINDS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(SYNTH_KINDS)('%s has the boxes and split sizes of the table', (kind) => {
    const spec = synthSpec(kind);
    const want = EXPECTED[kind];
    expect(spec.boxSets.map(key).sort()).toEqual(want.sets.map(key).sort());
    expect([spec.train, spec.test]).toEqual([want.train, want.test]);
  });

  it('mixed and moving boxes are all 60 × 60', () => {
    for (const kind of ['mixed', 'moving'] as const) {
      for (const [box] of synthSpec(kind).boxSets) expect([box.t[1] - box.t[0], box.f[1] - box.f[0]]).toEqual([60, 60]);
    }
  });

  it('hands out copies, so callers cannot change the definitions', () => {
    synthSpec('earlier').boxSets[0][0].t[0] = 50;
    expect(synthSpec('earlier').boxSets[0][0].t[0]).toBe(0);
  });
});
