// `node dist/bench/clean/run.js [--regions 400 --volumes 1200 --runs 10]` (after `npx tsc -p tsconfig.json`).
// Times cleaning one run as a build does (`cleanRun`: read the fMRIPrep confounds table, hash it,
// `load_confounds_strategy`, then `signal.clean`) with the simple and scrubbing presets, on
// synthetic region series and a synthetic confounds table of fMRIPrep's columns.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanRun, type CleanSettings } from '../../src/study/clean-run.js';
import { cosineDrift } from '../../src/study/clean/cosine-drift.js';
import type { RunSpec } from '../../src/study/runs.js';
import { createNormalRng } from '../../src/util/rng.js';

const TR = 0.8;
const { values } = parseArgs({ options: { regions: { type: 'string' }, volumes: { type: 'string' }, runs: { type: 'string' } } });
const regions = Number(values.regions ?? 400);
const volumes = Number(values.volumes ?? 1200);
const runs = Number(values.runs ?? 10);
const rng = createNormalRng(1);

/** AR(1) noise around 1000, as a parcellated BOLD region looks. */
function regionSeries(): Float64Array {
  const x = new Float64Array(volumes);
  let e = 0;
  for (let t = 0; t < volumes; t++) x[t] = 1000 + (e = 0.5 * e + 10 * rng.normal());
  return x;
}

/** An fMRIPrep-like table: 24 motion, WM/CSF with expansions, cosines, FD, std DVARS, 2 dummy scans; 5 % high-motion volumes. */
function confoundsTable(): string {
  const cols = new Map<string, (number | null)[]>();
  const expand = (name: string, x: Float64Array) => {
    const d = Array.from(x, (v, t) => (t === 0 ? null : v - x[t - 1]));
    cols.set(name, Array.from(x));
    cols.set(`${name}_derivative1`, d);
    cols.set(`${name}_power2`, Array.from(x, (v) => v * v));
    cols.set(`${name}_derivative1_power2`, d.map((v) => (v === null ? null : v * v)));
  };
  for (const name of ['trans_x', 'trans_y', 'trans_z', 'rot_x', 'rot_y', 'rot_z', 'csf', 'white_matter']) {
    let w = 0;
    expand(name, Float64Array.from({ length: volumes }, () => (w += 0.01 * rng.normal())));
  }
  cosineDrift(1 / 128, volumes, TR).forEach((c, k) => cols.set(`cosine${String(k).padStart(2, '0')}`, Array.from(c)));
  cols.set('framewise_displacement', Array.from({ length: volumes }, (_, t) => (t === 0 ? null : rng.uniform() < 0.05 ? 0.9 : 0.1 * rng.uniform())));
  cols.set('std_dvars', Array.from({ length: volumes }, (_, t) => (t === 0 ? null : 1 + 0.1 * rng.normal())));
  for (const k of [0, 1]) cols.set(`non_steady_state_outlier0${k}`, Array.from({ length: volumes }, (_, t) => (t === k ? 1 : 0)));
  const names = [...cols.keys()];
  const rows = Array.from({ length: volumes }, (_, t) => names.map((n) => cols.get(n)![t] ?? 'n/a').join('\t'));
  return [names.join('\t'), ...rows].join('\n') + '\n';
}

const dir = mkdtempSync(path.join(tmpdir(), 'bench-clean-'));
const func = path.join(dir, 'sub-01', 'func');
mkdirSync(func, { recursive: true });
writeFileSync(path.join(func, 'sub-01_task-rest_desc-confounds_timeseries.tsv'), confoundsTable());
const run: RunSpec = {
  file: path.join(func, 'sub-01_task-rest_timeseries.tsv'), format: 'table', subject: '01', session: null,
  task: 'rest', run: null, events: null, tr: TR, trSource: 'bench',
};
const series = Array.from({ length: regions }, regionSeries);

const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rowsOut: string[] = [];
const cases: [string, CleanSettings][] = [
  ['simple', { preset: 'simple' }],
  ['scrubbing', { preset: 'scrubbing' }],
  ['filters only (high-pass 0.01 Hz, no confounds)', { highPass: 0.01 }],
];
for (const [name, settings] of cases) {
  await cleanRun(run, series, volumes, TR, settings); // warm-up: JIT, file cache
  const times: number[] = [];
  let info = '';
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    const cleaned = await cleanRun(run, series, volumes, TR, settings);
    times.push(performance.now() - start);
    info = `${cleaned.confoundColumns.length} confounds, ${cleaned.censored.length} censored`;
  }
  const total = times.reduce((a, b) => a + b, 0);
  rowsOut.push(`| ${name} | ${info} | ${median(times).toFixed(0)} ms | ${(total / 1000).toFixed(2)} s | ${((100 * total) / runs / 1000).toFixed(1)} s (×${100 / runs} of ${runs}) |`);
}
rmSync(dir, { recursive: true, force: true });

console.log(`cleanRun, ${regions} regions × ${volumes} volumes, TR ${TR} s; ${cpus()[0]?.model ?? 'CPU'} (${cpus().length} cores), Node ${process.version}\n`);
console.log(`| settings | confounds / censored per run | median per run | ${runs} runs | 100 runs (extrapolated) |`);
console.log('|---|---|---|---|---|');
for (const r of rowsOut) console.log(r);
