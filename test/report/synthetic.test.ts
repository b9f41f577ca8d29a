import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { exportReport, type ExportResult } from '../../src/report/export.js';
import { explainRun } from '../../src/jobs/explain-run.js';
import { writeSaliencyResult, type StoredSaliency } from '../../src/saliency/store.js';
import { tinyRun } from '../saliency/helpers/tiny-run.js';
import { naiveRegionOnShare } from './helpers/naive-top-share.js';
import { column, readTable } from './helpers/read-table.js';

// A real trained run (2 epochs) explained with gradients, then reported: the whole chain as the CLI runs it.
let result: ExportResult;
let stored: StoredSaliency;
let dataDir: string;
let out: string;

beforeAll(async () => {
  const run = await tinyRun();
  dataDir = run.dataDir;
  stored = await explainRun({ runDir: run.runDir, method: 'grad', samples: 'test', target: 'true', options: {} }, { batchSize: 20 }, 'cpu');
  await writeSaliencyResult(defaultReportSaliencyDir(run.runDir), stored);
  out = path.join(run.root, 'report');
  result = await exportReport({ runDir: run.runDir, saliencyDir: defaultReportSaliencyDir(run.runDir), out, formats: ['tsv', 'npy', 'json'] });
}, 60_000);

/** ON steps of the explained samples read straight from mask.u8: a step is ON when any region's cell is planted. */
async function maskOnSteps(): Promise<Uint8Array> {
  const mask = await readFile(path.join(dataDir, 'mask.u8'));
  const { samples, window } = { samples: stored.index.samples, window: stored.index.window };
  const regions = stored.index.regions.length;
  const on = new Uint8Array(samples.length * window);
  samples.forEach((s, k) => {
    for (let t = 0; t < window; t++) for (let r = 0; r < regions; r++) if (mask[(s.index * window + t) * regions + r]) on[k * window + t] = 1;
  });
  return on;
}

describe('report of a synthetic run', () => {
  it('takes the task-ON steps from the planted boxes of each explained sample', async () => {
    const on = result.context.onSteps;
    expect(on?.source).toBe('synthetic-ground-truth');
    expect([...(on?.steps ?? [])]).toEqual([...(await maskOnSteps())]);
  });

  it('writes each region\'s top-step ON share as a separate Float64 reference computes it', async () => {
    const t = readTable(await readFile(path.join(out, 'regions.tsv'), 'utf8'), '\t');
    const { data, samples, time, features } = stored.maps;
    const expected = naiveRegionOnShare(data, samples, time, features, await maskOnSteps(), 0.1);
    const got = column(t, 'top_cell_share_on').map(Number);
    got.forEach((v, r) => expect(v).toBeCloseTo(expected[r], 12));
    expect(column(t, 'label').every((l) => l === 'n/a')).toBe(true);
    expect(column(t, 'name')).toEqual(stored.index.regions);
    expect(column(t, 'importance_mean').map(Number).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('records the synthetic ground truth in provenance and the maps in saliency.npy', async () => {
    const provenance = JSON.parse(await readFile(path.join(out, 'provenance.json'), 'utf8'));
    expect(provenance.onSteps).toBe('synthetic-ground-truth');
    expect(provenance.files.map((f: { role: string }) => f.role)).toContain('synthetic ground-truth masks');
    expect(provenance.atlas).toBeNull();
    const npy = await readFile(path.join(out, 'saliency.npy'));
    const offset = 10 + npy.readUInt16LE(8);
    const values = new Float32Array(npy.buffer.slice(npy.byteOffset + offset, npy.byteOffset + npy.length));
    expect(values).toEqual(stored.maps.data);
  });
});
