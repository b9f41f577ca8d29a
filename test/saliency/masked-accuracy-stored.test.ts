import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { exportReport } from '../../src/report/export.js';
import { maskedAccuracyDrop } from '../../src/saliency/metrics/index.js';
import { openRunInput } from '../../src/jobs/run-input.js';
import { readSaliencyResult, SaliencyStoreError, type StoredSaliency } from '../../src/saliency/store.js';
import { captureIO } from '../helpers/capture-io.js';
import { tinyRun } from './helpers/tiny-run.js';

await selectBackend('cpu');

// The paper's faithfulness check through the CLI: saliency --masked-accuracy on a real (tiny) trained run.
const PS = [0.5, 0.9, 0.99];
const SEED = 5;
let run: Awaited<ReturnType<typeof tinyRun>>;
let saliencyDir: string;
let stdout: string;
let stored: StoredSaliency;

beforeAll(async () => {
  run = await tinyRun();
  saliencyDir = path.join(run.root, 'saliency-ma');
  const io = captureIO();
  // Out of order: the option sorts. At 2 epochs only the large fractions move accuracy; --batch 7 so the stored values must not depend on batching.
  const code = await main(['saliency', '--run', run.runDir, '--backend', 'cpu', '--batch', '7', '--seed', String(SEED), '--masked-accuracy', '99,50,90', '--out', saliencyDir], io);
  if (code !== 0) throw new Error(`saliency failed (${code}): ${io.stderr()} ${io.stdout()}`);
  stdout = io.stdout();
  stored = await readSaliencyResult(saliencyDir);
}, 90_000);

describe('saliency --masked-accuracy', () => {
  it('stores what the metric gives when called directly on the same run, maps and seed', async () => {
    const m = stored.index.maskedAccuracy!;
    expect(m).toBeDefined();
    const input = await openRunInput(run.runDir, 'test');
    try {
      const direct = await maskedAccuracyDrop(input.probabilities, input.samples, input.labels, stored.maps, { ps: PS, keepBy: 'cells', seed: SEED, control: { batchSize: 20 } });
      expect(m.ps).toEqual(PS);
      expect(m.keepBy).toBe('cells');
      expect(m.seed).toBe(SEED);
      expect(m.baseline).toBe(direct.baseline);
      expect(m.salient).toEqual(direct.salient);
    // The arms differ on this run, so a swap of the two would be caught.
    expect(m.salient).not.toEqual(m.random);
      expect(m.random).toEqual(direct.random);
    } finally {
      input.model.dispose();
    }
    // Independently: unmasked accuracy is the share of explained samples predicted right, and
    // by count each of the 100 × 100 cells' top p is round(p · 10 000) cells in every sample.
    const samples = stored.index.samples;
    expect(m.baseline).toBe(samples.filter((s) => s.predicted === s.label).length / samples.length);
    expect(m.meanReplaced).toEqual([5000, 9000, 9900]);
  });

  it('prints the table', () => {
    const m = stored.index.maskedAccuracy!;
    expect(stdout).toContain(`Masked accuracy (top p % salient cells vs as many random cells replaced by N(0, 1) noise, seed ${SEED}; unmasked ${(100 * m.baseline).toFixed(1)} %):`);
    const rows = stdout.split('\n').filter((l) => /^\s+(50|90|99)\.0 %/.test(l));
    expect(rows).toHaveLength(3);
    rows.forEach((row, j) => {
      const cells = row.trim().split(/\s+/);
      expect(cells.slice(0, 6)).toEqual([`${(100 * PS[j]).toFixed(1)}`, '%', `${(100 * m.salient[j]).toFixed(1)}`, '%', `${(100 * m.random[j]).toFixed(1)}`, '%']);
      expect(cells.at(-1)).toBe(m.meanReplaced[j].toFixed(1));
    });
  });

  it('is shown in the report: a section of report.html and provenance.json', async () => {
    const out = path.join(run.root, 'report-ma');
    await exportReport({ runDir: run.runDir, saliencyDir, out, formats: ['json', 'html'] });
    const m = stored.index.maskedAccuracy!;
    const provenance = JSON.parse(await readFile(path.join(out, 'provenance.json'), 'utf8'));
    expect(provenance.saliency.maskedAccuracy).toEqual(m);
    const page = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(page).toContain('<a href="#faithfulness">');
    const table = page.match(/<table class="grid" id="masked-accuracy">([\s\S]*?)<\/table>/)?.[1] ?? '';
    const rows = [...table.matchAll(/<tr><td>(.*?)<\/tr>/g)].map((r) => r[1].split('</td><td>').map((c) => c.replace(/<\/?td>/g, '')));
    const pc = (v: number) => `${(100 * v).toFixed(1)} %`;
    expect(rows).toEqual(PS.map((p, j) => [pc(p), m.meanReplaced[j].toFixed(1), pc(m.salient[j]), pc(m.random[j]), pc(m.baseline - m.salient[j]), pc(m.baseline - m.random[j])]));
    expect(page).toContain(`<strong id="masked-accuracy-baseline">${pc(m.baseline)}</strong>`);
  });

  it('leaves saliency.json, the printout and the report without it when not asked for', async () => {
    const dir = path.join(run.root, 'saliency-plain');
    const io = captureIO();
    expect(await main(['saliency', '--run', run.runDir, '--backend', 'cpu', '--out', dir], io)).toBe(0);
    expect(io.stdout()).not.toContain('Masked accuracy');
    const json = JSON.parse(await readFile(path.join(dir, 'saliency.json'), 'utf8'));
    expect('maskedAccuracy' in json).toBe(false);
    const out = path.join(run.root, 'report-plain');
    await exportReport({ runDir: run.runDir, saliencyDir: dir, out, formats: ['json', 'html'] });
    expect(await readFile(path.join(out, 'report.html'), 'utf8')).not.toContain('faithfulness');
    expect('maskedAccuracy' in JSON.parse(await readFile(path.join(out, 'provenance.json'), 'utf8')).saliency).toBe(false);
  });

  it('is checked on read: a damaged maskedAccuracy is refused, naming the field', async () => {
    const file = path.join(saliencyDir, 'saliency.json');
    const good = await readFile(file, 'utf8');
    const cases: [(m: Record<string, unknown>) => void, RegExp][] = [
      [(m) => (m.salient = [0.5]), /maskedAccuracy\.salient/],
      [(m) => (m.random = [0.5, 1.5, 0.5]), /maskedAccuracy\.random\[1\]/],
      [(m) => (m.ps = [0.9, 0.5, 0.99]), /maskedAccuracy\.ps/],
      [(m) => (m.ps = [0, 0.5, 0.9]), /maskedAccuracy\.ps/],
      [(m) => (m.keepBy = 'most'), /maskedAccuracy\.keepBy/],
      [(m) => delete m.baseline, /maskedAccuracy\.baseline/],
    ];
    try {
      for (const [damage, field] of cases) {
        const o = JSON.parse(good);
        damage(o.maskedAccuracy);
        await writeFile(file, JSON.stringify(o));
        const read = readSaliencyResult(saliencyDir);
        await expect(read).rejects.toThrow(SaliencyStoreError);
        await expect(read).rejects.toThrow(field);
      }
    } finally {
      await writeFile(file, good);
    }
  });
});
