/**
 * Times `saliencyView` (the Saliency screen's `saliency.view`) on a synthetic stored result of
 * the paper's size: 100 samples × 1,200 steps × 400 regions, with task-ON steps recorded in
 * the dataset so the ON-share runs too. Writes its input under bench/out/saliency-view.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/saliency-view/run.js [--samples 100] [--repeat 5]
 *   (profile: node --cpu-prof --cpu-prof-dir bench/out/saliency-view dist/bench/saliency-view/run.js --repeat 1)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { saliencyView } from '../../src/app/saliency-view.js';
import { writeSaliencyResult } from '../../src/saliency/store.js';
import { createRng } from '../../src/util/rng.js';

const { values } = parseArgs({ options: { samples: { type: 'string', default: '100' }, repeat: { type: 'string', default: '5' } } });
const SAMPLES = Number(values.samples);
const TIME = 1200;
const REGIONS = 400;
const out = path.resolve('bench/out/saliency-view');

async function writeInput(): Promise<string> {
  const rng = createRng(7);
  const datasetDir = path.join(out, 'dataset');
  await mkdir(datasetDir, { recursive: true });
  // dataset.json alone: the view reads the samples' records, never the dataset's values.
  const samples = Array.from({ length: SAMPLES }, (_, n) => ({
    subject: `s${n % 10}`, session: null, run: null, task: n % 2 ? 'b' : 'a', onsetSeconds: 0, label: n % 2, split: 'test',
    on: Array.from({ length: TIME }, (_, t) => ((t + n * 13) % 60 < 20 ? '1' : '0')).join(''),
  }));
  await writeFile(path.join(datasetDir, 'dataset.json'), JSON.stringify({
    format: 'saliency-studio-dataset', version: 1, regions: Array.from({ length: REGIONS }, (_, r) => ({ label: r + 1, name: `R${r}` })),
    classes: ['a', 'b'], labelBy: 'trial_type', window: TIME, stride: TIME, shiftSeconds: 0, tr: 0.72, zscored: true, seed: 0, samples, atlas: null,
    data: { file: 'dataset.f32', dtype: 'float32', byteOrder: 'little', shape: [SAMPLES, TIME, REGIONS], bytes: SAMPLES * TIME * REGIONS * 4, sha256: '0'.repeat(64) },
  }));
  const data = new Float32Array(SAMPLES * TIME * REGIONS);
  for (let i = 0; i < data.length; i++) data[i] = (rng() - 0.5) * (1 + (i % REGIONS) / 100);
  const dir = path.join(out, 'grad');
  await writeSaliencyResult(dir, {
    index: {
      run: path.join(out, 'run'), dataset: datasetDir, model: { sha256: '0'.repeat(64), weightsSha256: '0'.repeat(64) },
      method: 'grad', params: {}, samplesFrom: 'test', classes: ['a', 'b'], regions: Array.from({ length: REGIONS }, (_, r) => `R${r}`), window: TIME,
      samples: samples.map((s, n) => ({ index: n, label: s.label, target: s.label, predicted: s.label, probability: 0.9 })),
      backend: 'cpu', seconds: 1, createdAt: new Date(0).toISOString(),
    },
    maps: { data, samples: SAMPLES, time: TIME, features: REGIONS },
  });
  return dir;
}

const dir = await writeInput();
const times: number[] = [];
for (let k = 0; k < Number(values.repeat); k++) {
  const start = performance.now();
  const view = await saliencyView(dir, { run: 'bench', result: 'grad' });
  times.push(performance.now() - start);
  if (view.faithfulness.onShare === null) throw new Error('the ON-share did not run: the bench would measure less than the app does');
}
times.sort((a, b) => a - b);
console.log(`saliencyView ${SAMPLES}×${TIME}×${REGIONS}: median ${(times[times.length >> 1] / 1000).toFixed(2)} s (runs: ${times.map((t) => (t / 1000).toFixed(2)).join(', ')})`);
