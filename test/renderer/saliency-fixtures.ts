/**
 * Payloads the Saliency screen tests answer with: a result of 5 regions × 8 steps whose maps are
 * hand-chosen so the top regions, orders and differences can be worked out by hand; each passes
 * its channel's schema (the fake client checks).
 */
import { saliencyView } from '../../src/api/index.js';
import type { z } from 'zod';
import type { RunRow, WorkspaceListing } from '../../renderer/src/types.js';
import { APP_INFO, LISTING, RUNS } from './train-fixtures.js';

export type View = z.output<typeof saliencyView>;

export const T = 8;
export const R = 5;
export const NAMES = ['Precentral_L', 'Calcarine_R', 'Amygdala_L', 'Cuneus_L', 'Insula_R'];
export const LABELS = [2001, 5002, 4101, 5011, 3001];

/** A [T × R] matrix from a formula, as float32 (what the screen decodes). */
export function grid(f: (t: number, r: number) => number, rows = T): Float32Array {
  const data = new Float32Array(rows * R);
  for (let t = 0; t < rows; t++) for (let r = 0; r < R; r++) data[t * R + r] = f(t, r);
  return data;
}

/** The contract's base64 little-endian float32 form. */
export function f32(data: Float32Array, rows = T, cols = R) {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { rows, cols, data: btoa(binary) };
}

const BASE = [0.3, 0.1, 0.2, 0.5, 0.4];
/** Overall: each region its base level; Amygdala_L (2) jumps by 0.5 at step 3. */
export const OVERALL = grid((t, r) => BASE[r] + (t === 3 && r === 2 ? 0.5 : 0));
/** motor: 0.1·r + 0.01·t; rest: 0.05·(4 − r). */
export const MOTOR = grid((t, r) => 0.1 * r + 0.01 * t);
export const REST = grid((_t, r) => 0.05 * (4 - r));
/** Sample at position 1: small everywhere, Calcarine_R (1) = 1 at step 5. */
export const SAMPLE_1 = grid((t, r) => (t === 5 && r === 1 ? 1 : 0.01 * r));

/** Overall importance: Amygdala_L first, then Precentral_L, then Cuneus_L and Insula_R tied (index decides), Calcarine_R last. */
export const IMPORTANCE = [0.25, 0.05, 0.3, 0.2, 0.2];

/**
 * A cascading check of an LSTM head first: ρ falls as more layers are randomised, and the last
 * stage (every layer) is at mean |ρ| 0.12, below the 0.5 threshold; one sample's maps were
 * constant at the last stage (no ρ). The sentence is randomisationVerdict's for these numbers.
 */
export const RANDOMISATION: View['faithfulness']['randomisation'] = {
  mode: 'cascading', seed: 0, threshold: 0.5, verdict: 'passes',
  sentence: 'These maps pass the randomisation check (mean |ρ| = 0.12 between trained and fully randomised maps, < 0.5): they change when the model\'s weights are randomised.',
  stages: [
    { layers: ['dense'], mean: 0.61, sd: 0.08, meanAbs: 0.61, samples: 3 },
    { layers: ['dense', 'lstm'], mean: -0.04, sd: 0.15, meanAbs: 0.12, samples: 2 },
  ],
};

const temporal = (mean: number) => ({ mean: Array.from({ length: T }, (_, t) => mean + t / 100), sd: Array.from({ length: T }, () => 0.02) });

export function viewOf(run: string, result: string, overall: Float32Array = OVERALL): View {
  return saliencyView.parse({
    run, result, method: 'ig', params: { method: 'ig', steps: 50 }, samplesFrom: 'test',
    regions: NAMES.map((name, i) => ({ label: LABELS[i], name })),
    classes: ['motor', 'rest'], window: T, tr: 2, onSteps: ['00111100', '00000000', '00111100'],
    createdAt: '2026-12-01T11:00:00.000Z', seconds: 4.2, backend: 'cpu',
    samples: [
      { position: 0, index: 10, label: 0, target: 0, predicted: 0, probability: 0.93, subject: '04', run: 'task-motor_run-1', onsetSeconds: 20 },
      { position: 1, index: 11, label: 1, target: 1, predicted: 0, probability: 0.38, subject: '04', run: 'task-rest_run-1', onsetSeconds: 0 },
      { position: 2, index: 12, label: 0, target: 0, predicted: 0, probability: 0.81, subject: '04', run: 'task-motor_run-1', onsetSeconds: 40 },
    ],
    overall: { samples: [0, 1, 2], meanAbs: f32(overall), temporal: temporal(0.3), importance: { mean: IMPORTANCE, sd: [0.01, 0.01, 0.02, 0.01, 0.01] } },
    perClass: [
      { samples: [0, 2], meanAbs: f32(MOTOR), temporal: temporal(0.2), importance: { mean: [0.1, 0.15, 0.2, 0.25, 0.3], sd: [0, 0, 0, 0, 0] } },
      { samples: [1], meanAbs: f32(REST), temporal: temporal(0.1), importance: { mean: [0.4, 0.3, 0.2, 0.1, 0], sd: [null, null, null, null, null] } },
    ],
    faithfulness: {
      maskedAccuracy: { ps: [0.1, 0.2], baseline: 0.92, salient: [0.6, 0.45], random: [0.9, 0.86] },
      onShare: [{ q: 0.1, share: 0.8, chance: 0.5, samples: 3 }, { q: 0.3, share: 0.7, chance: 0.5, samples: 3 }],
      groundTruth: null,
      randomisation: RANDOMISATION,
    },
  });
}

/** run-a/ig (the result the tests open), run-a/grad, and run-b/grad of the same dataset (the plain LSTM's, its early steps vanished). */
export const VIEWS: Record<string, View> = {
  'run-a/ig': viewOf('run-a', 'ig'),
  'run-a/grad': viewOf('run-a', 'grad', grid((t, r) => 0.01 * (t + r))),
  'run-b/grad': viewOf('run-b', 'grad', grid((t, r) => (t < 6 ? 0 : 0.1 * (r + 1)))),
};

const result = (run: string, name: string, method: string) => ({ name, path: `/home/ana/studio/runs/${run}/saliency/${name}`, method, tsr: false, samples: 3 });
const withResults = (run: RunRow, results: RunRow['results']): RunRow => ({ ...run, results });

/** run-a (finished, two results), run-c (stopped), run-b (finished, one result). */
export const SALIENCY_LISTING: WorkspaceListing = {
  ...LISTING,
  runs: [
    withResults(RUNS[0], [result('run-a', 'ig', 'ig'), result('run-a', 'grad', 'grad')]),
    RUNS[1],
    withResults(RUNS[2], [result('run-b', 'grad', 'grad')]),
  ],
};

export const SAMPLE_MAP = { position: 1, abs: f32(SAMPLE_1), signed: f32(grid((t, r) => (t === 5 && r === 1 ? -1 : 0.01 * r))) };

/** What brain.volumes answers (tiny bytes: the brain view is stubbed in these tests). */
export const VOLUMES = {
  template: { name: 'ch2bet.nii.gz', base64: 'AAAA' }, atlas: { name: 'aal.nii.gz', base64: 'AAAA' },
  labels: LABELS, templateName: 'ch2bet', atlasName: 'AAL',
};

export { APP_INFO };
