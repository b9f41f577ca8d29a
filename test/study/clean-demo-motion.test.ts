import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas, parcellate, type Atlas } from '../../src/atlas/index.js';
import { defaultAtlasPaths } from '../../src/assets.js';
import { blockRegressor, demoFiles, DEMO_TASKS, DEMO_TR, DEMO_VOLUMES, type Block } from '../../src/demo/index.js';
import { cleanRun } from '../../src/study/clean-run.js';
import { cosineDrift } from '../../src/study/clean/cosine-drift.js';
import type { RunSpec } from '../../src/study/runs.js';
import { createNormalRng } from '../../src/util/rng.js';
import { tempDir } from '../helpers/temp-tree.js';

/** Pearson correlation, computed naively. */
function corr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]; mb += b[i]; }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

function sd(x: ArrayLike<number>): number {
  const m = Array.from(x).reduce((s, v) => s + v, 0) / x.length;
  return Math.sqrt(Array.from(x).reduce((s, v) => s + (v - m) ** 2, 0) / x.length);
}

/** The first run of the demo study (sub-01, motor), its blocks, and its regions' mean series. */
async function firstDemoRun(atlas: Atlas, dir: string) {
  let bold: string | null = null;
  let blocks: Block[] | null = null;
  for await (const file of demoFiles({ atlas })) {
    if (!bold && file.path.endsWith('_bold.nii.gz')) {
      bold = path.join(dir, path.basename(file.path));
      await writeFile(bold, file.data);
    } else if (bold && file.path.endsWith('_events.tsv')) {
      const rows = Buffer.from(file.data).toString('utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
      blocks = rows.map(([onset, duration]) => ({ onset: Number(onset), duration: Number(duration) }));
      break; // the rest of the study is never simulated
    }
  }
  const p = await parcellate(bold!, atlas);
  const kept = p.regions.map((r, k) => ({ name: r.name, series: Float64Array.from(p.means[k]) })).filter((r) => r.series.every(Number.isFinite));
  return { blocks: blocks!, regions: kept };
}

describe('motion cleaning on a demo run with a planted motion-like artefact', () => {
  let atlas: Atlas;
  let dir: string;
  let run: Awaited<ReturnType<typeof firstDemoRun>>;
  const n = DEMO_VOLUMES;
  // The artefact: a slow drift plus three spikes (head jerks), as motion leaves it in BOLD.
  const drift = Float64Array.from({ length: n }, (_, t) => t / n + 0.3 * Math.sin((2 * Math.PI * t) / 45));
  const spikes = Float64Array.from({ length: n }, (_, t) => (t === 31 || t === 64 ? 1 : t === 97 ? -1 : 0));
  const artefact = Float64Array.from({ length: n }, (_, t) => drift[t] + 2 * spikes[t]);

  beforeAll(async () => {
    atlas = await loadAtlas(defaultAtlasPaths().labels, defaultAtlasPaths().names);
    dir = await tempDir();
    run = await firstDemoRun(atlas, dir);
  }, 120_000);

  it('removes the artefact from every region (|r| < 0.05) and keeps the planted task signal', async () => {
    const rng = createNormalRng(7);
    // Random spatial loading, scaled to each region's own spread so the artefact dominates it.
    const dirty = run.regions.map((r) => {
      const loading = (0.5 + rng.uniform()) * 3 * sd(r.series) / sd(artefact);
      return Float64Array.from(r.series, (v, t) => v + loading * artefact[t]);
    });
    // Six motion columns: the artefact's two parts, four more random-walk traces; CSF, WM and fMRIPrep's cosines.
    const walk = () => { let x = 0; return Float64Array.from({ length: n }, () => (x += 0.05 * rng.normal())); };
    const motion = [drift, spikes, walk(), walk(), walk(), walk()];
    const columns: [string, Float64Array][] = [
      ...['trans_x', 'trans_y', 'trans_z', 'rot_x', 'rot_y', 'rot_z'].map((c, k) => [c, motion[k]] as [string, Float64Array]),
      ['csf', Float64Array.from({ length: n }, () => rng.normal())],
      ['white_matter', Float64Array.from({ length: n }, () => rng.normal())],
      ...cosineDrift(1 / 128, n, DEMO_TR).map((c, k) => [`cosine${String(k).padStart(2, '0')}`, c] as [string, Float64Array]),
    ];
    const func = path.join(dir, 'sub-01', 'func');
    await mkdir(func, { recursive: true });
    const table = columns.map(([name]) => name).join('\t') + '\n'
      + Array.from({ length: n }, (_, t) => columns.map(([, x]) => x[t]).join('\t')).join('\n') + '\n';
    await writeFile(path.join(func, 'sub-01_task-motor_desc-confounds_timeseries.tsv'), table);
    const spec: RunSpec = {
      file: path.join(func, 'sub-01_task-motor_timeseries.tsv'), format: 'table', subject: '01', session: null,
      task: 'motor', run: null, events: null, tr: DEMO_TR, trSource: 'test',
    };
    const cleaned = await cleanRun(spec, dirty, n, DEMO_TR, { preset: 'simple', confounds: { motion: 'basic', wm_csf: 'basic' } });
    expect(cleaned.confoundColumns).toHaveLength(6 + 2 + columns.length - 8);
    expect(cleaned.kept).toHaveLength(n);

    // Before: the artefact dominates every region; after: none is left in any.
    const before = dirty.map((x) => Math.abs(corr(x, artefact)));
    const after = cleaned.series.map((x) => Math.abs(corr(x, artefact)));
    expect(Math.min(...before)).toBeGreaterThan(0.5);
    expect(Math.max(...after)).toBeLessThan(0.05);

    // The motor task's regions keep their block response: as correlated with the design as the artefact-free series are.
    const design = blockRegressor(run.blocks, n, DEMO_TR);
    const planted = DEMO_TASKS[0].regions;
    expect(run.regions.filter((r) => planted.includes(r.name))).toHaveLength(planted.length);
    for (const name of planted) {
      const k = run.regions.findIndex((r) => r.name === name);
      const reference = corr(run.regions[k].series, design);
      expect(reference).toBeGreaterThan(0.5); // the planted signal is there to keep
      expect(Math.abs(corr(dirty[k], design))).toBeLessThan(0.8 * reference); // the artefact hid it
      expect(corr(cleaned.series[k], design)).toBeGreaterThan(0.8 * reference);
    }
  });
});
