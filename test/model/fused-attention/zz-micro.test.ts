import { it } from 'vitest';
import { prefixWeights } from '../../../src/model/fused-attention/prefix-weights.js';
import { attendBackward, attendForward } from '../../../src/model/fused-attention/sweep.js';
import { uniform } from './cases.js';
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
it('micro', () => {
  const [B, T, N, K] = [50, 100, 100, 20];
  const dims = { batch: B, hops: K, time: T, features: N };
  const s = uniform(B * K * T, 2, 1), x = uniform(B * T * N, 1, 2), dy = uniform(B * T * N, 1, 3);
  const t: Record<string, number[]> = { w: [], fwd: [], bwd: [] };
  for (let i = 0; i < 15; i++) {
    let t0 = performance.now(); const w = prefixWeights(s, B * K, T); t.w.push(performance.now() - t0);
    t0 = performance.now(); attendForward(dims, w, x, 'mean'); t.fwd.push(performance.now() - t0);
    t0 = performance.now(); attendBackward(dims, w, x, dy, 'mean'); t.bwd.push(performance.now() - t0);
  }
  console.log(Object.entries(t).map(([k, v]) => `${k} ${median(v).toFixed(1)} [${v.map((q) => q.toFixed(0)).join(' ')}]`).join(' | '));
});
