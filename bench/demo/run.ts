// `node dist/bench/demo/run.js [--design '{"volumes":160,"dataset":{"window":40}}'] [--seed 1] [--out DIR]`
// (after `npx tsc -p tsconfig.json`). The demo's calibration experiment: runs the whole demo
// (generate, parcellate, train both models, saliency with masked accuracy and the randomisation
// check) on DEMO_DESIGN with the given fields replaced, and prints the side-by-side summary
// and the wall time. Every design the demo was calibrated with, and what it scored, is in
// bench/README.md ("The demo").
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { formatDemoSummary } from '../../src/cli/format/demo.js';
import { DEMO_DESIGN, DEMO_SEED, type DemoDesign } from '../../src/demo/index.js';
import { runDemo } from '../../src/demo/run.js';
import { selectBackend } from '../../src/model/backend/index.js';

const { values } = parseArgs({ options: { design: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } } });

/** DEMO_DESIGN with the overrides' fields replaced, one level deep (noise, blocks, dataset, training merge). */
function withOverrides(base: DemoDesign, overrides: Record<string, unknown>): DemoDesign {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const old = out[key];
    out[key] = value && typeof value === 'object' && !Array.isArray(value) && old && typeof old === 'object' && !Array.isArray(old) ? { ...old, ...value } : value;
  }
  return out as unknown as DemoDesign;
}

const overrides = values.design ? (JSON.parse(values.design) as Record<string, unknown>) : {};
const design = withOverrides(DEMO_DESIGN, overrides);
const seed = Number(values.seed ?? DEMO_SEED);
const out = path.resolve(values.out ?? mkdtempSync(path.join(tmpdir(), 'demo-bench-')));
const backend = await selectBackend('auto');
const start = performance.now();
// Seconds from the start to each phase's first progress event, to see where the time goes.
const phases = new Map<string, number>();
const onProgress = ({ phase, item }: { phase: string; item?: string }) => {
  const key = item ? `${phase} ${item}` : phase;
  if (!phases.has(key)) phases.set(key, (performance.now() - start) / 1000);
};
const models = await runDemo(out, backend, ['json'], { onProgress }, { design, seed });
const seconds = (performance.now() - start) / 1000;
console.log(`phases started at (s): ${[...phases].map(([k, t]) => `${k} ${t.toFixed(1)}`).join(', ')}`);
console.log(`design overrides ${JSON.stringify(overrides)}, seed ${seed}, backend ${backend.backend}`);
console.log(formatDemoSummary({ models, out, seconds }));
