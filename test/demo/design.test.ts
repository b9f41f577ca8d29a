import { describe, expect, it } from 'vitest';
import { readRegionNames } from '../../src/atlas/index.js';
import { defaultAtlasPaths } from '../../src/assets.js';
import { blockRegressor, DEMO_DESIGN, DEMO_TASKS, drawBlocks, onVolumes } from '../../src/demo/index.js';
import { ON_RESPONSE } from '../../src/demo/score.js';
import { createRng } from '../../src/util/rng.js';

describe('demo block schedule', () => {
  it('draws 20 s blocks on whole TRs, 16–24 s apart, first at 10–20 s, last ending ≥ 10 s before the run ends', () => {
    for (let seed = 0; seed < 50; seed++) {
      const blocks = drawBlocks(createRng(seed), 120, 2);
      expect(blocks.length).toBeGreaterThanOrEqual(5);
      expect(blocks[0].onset).toBeGreaterThanOrEqual(10);
      expect(blocks[0].onset).toBeLessThanOrEqual(20);
      for (const [i, b] of blocks.entries()) {
        expect(b.duration).toBe(20);
        expect(b.onset % 2).toBe(0);
        if (i > 0) {
          const rest = b.onset - (blocks[i - 1].onset + 20);
          expect(rest).toBeGreaterThanOrEqual(16);
          expect(rest).toBeLessThanOrEqual(24);
        }
      }
      const last = blocks[blocks.length - 1];
      expect(last.onset + 20).toBeLessThanOrEqual(230);
      // No room was left for another block, even after the longest rest (24 s).
      expect(last.onset + 20 + 24 + 20 + 10).toBeGreaterThan(240);
    }
  });

  it('uses the random stream: the same stream gives the same blocks, others differ', () => {
    expect(drawBlocks(createRng(3))).toEqual(drawBlocks(createRng(3)));
    const schedules = new Set(Array.from({ length: 20 }, (_, s) => JSON.stringify(drawBlocks(createRng(s)))));
    expect(schedules.size).toBeGreaterThan(10);
  });

  it("keeps the demo's chance level at most 50 %: steps whose planted response is ON, over 200 drawn runs", () => {
    const { volumes, tr, blocks: schedule, dataset } = DEMO_DESIGN;
    let on = 0;
    for (let seed = 0; seed < 200; seed++) {
      const response = blockRegressor(drawBlocks(createRng(seed), volumes, tr, schedule), volumes, tr);
      on += response.filter((v) => v >= ON_RESPONSE).length;
    }
    const share = on / (200 * volumes);
    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThanOrEqual(0.5);
    // Windows long enough for ON and OFF periods: longer than a block and its rest.
    expect(dataset.window * tr).toBeGreaterThan(schedule.onSeconds + schedule.restSeconds[1]);
  });

  it('lists the volumes acquired inside blocks', () => {
    expect(onVolumes([{ onset: 10, duration: 20 }, { onset: 50, duration: 4 }], 30, 2)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 25, 26]);
    expect(onVolumes([{ onset: 3, duration: 2 }], 5, 2)).toEqual([2]);
  });
});

describe('demo tasks', () => {
  it('plant disjoint sets of 5–6 regions named in the bundled AAL names file', async () => {
    const names = new Set((await readRegionNames(defaultAtlasPaths().names)).regions.map((r) => r.name));
    const all = DEMO_TASKS.flatMap((t) => t.regions);
    expect(new Set(all).size).toBe(all.length);
    for (const task of DEMO_TASKS) {
      expect(task.regions.length).toBeGreaterThanOrEqual(5);
      expect(task.regions.length).toBeLessThanOrEqual(6);
      for (const name of task.regions) expect(names.has(name), name).toBe(true);
    }
  });
});
