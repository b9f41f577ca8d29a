import type { Baseline } from './baselines.js';
import type { BaseMethod } from './method.js';
import { sampleView } from './method.js';
import { forwardRows, type Rows } from './rows.js';

/** Which cells form one occluded region: a whole time step, or a whole feature across time. */
export type OcclusionRegion = 'time' | 'feature';

/**
 * Occlusion (Zeiler & Fergus 2014) of whole regions: each region in turn is set to the
 * baseline, and every cell of it gets p_c(x) − p_c(x occluded), signed as in Captum.
 */
export function occlusionMethod(region: OcclusionRegion, baseline: Baseline): BaseMethod {
  return {
    rowCount: (samples, time, features) => samples * (1 + (region === 'time' ? time : features)),
    async run({ model, block, targets, keys, work }) {
      const { time, features } = block;
      const regions = region === 'time' ? time : features;
      const cells = time * features;
      const members = regionCells(region, time, features);
      const base = new Float32Array(cells);
      // Row s·(regions + 1) is sample s itself; the next `regions` rows occlude region 0, 1, ….
      const per = regions + 1;
      const rows: Rows = {
        count: block.samples * per,
        target: (row) => targets[Math.floor(row / per)],
        fill(row, out) {
          const s = Math.floor(row / per);
          const x = sampleView(block, s);
          out.set(x);
          if (row % per === 0) {
            baseline.fill(x, keys[s], base);
            return;
          }
          const j = (row % per) - 1;
          for (const i of members[j]) out[i] = base[i];
        },
      };
      const maps = new Float32Array(block.data.length);
      let original = 0;
      await forwardRows(model, block, rows, work, (row, probs) => {
        const s = Math.floor(row / per);
        const p = probs[targets[s]];
        if (row % per === 0) {
          original = p;
          return;
        }
        const out = sampleView({ ...block, data: maps }, s);
        const j = (row % per) - 1;
        for (const i of members[j]) out[i] = original - p;
      });
      return { maps };
    },
  };
}

/** The cell indices (row-major [time, features]) of each region. */
export function regionCells(region: OcclusionRegion, time: number, features: number): Int32Array[] {
  if (region === 'time') return Array.from({ length: time }, (_, t) => Int32Array.from({ length: features }, (_, i) => t * features + i));
  return Array.from({ length: features }, (_, i) => Int32Array.from({ length: time }, (_, t) => t * features + i));
}
