import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir } from '../helpers/temp-tree.js';

async function cli(args: string[]) {
  const io = captureIO();
  const code = await main(['reproduce-paper', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** Columns of table.tsv as the issue names them, then the run's epochs and training time. */
const HEADER = 'dataset\tmodel\twjac\teuc\tacc\tpaper_wjac\tpaper_euc\tpaper_acc\ttsr_wjac\ttsr_euc\tepochs\ttrain_seconds';

describe('saliency-studio reproduce-paper --quick', () => {
  it('trains both models on the earlier box, scores gradient saliency beside the paper, and reuses finished runs', async () => {
    const out = path.join(await tempDir(), 'paper');
    const first = await cli(['--quick', '--datasets', 'earlier', '--out', out]);
    expect(first.code).toBe(0);
    const tsv = await readFile(path.join(out, 'table.tsv'), 'utf8');
    const [header, ...lines] = tsv.trim().split('\n');
    expect(header).toBe(HEADER);
    const rows = lines.map((l) => l.split('\t'));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([['earlier', 'lstm'], ['earlier', 'lstm+input-cell']]);
    // Table 1 of Ismail et al. 2019, earlier box: LSTM .000 / 1.006 / 53.4; + input-cell .103 / .914 / 100.
    expect(rows[0].slice(5, 8)).toEqual(['0.000', '1.006', '53.4']);
    expect(rows[1].slice(5, 8)).toEqual(['0.103', '0.914', '100.0']);
    const [lstm, attention] = rows.map((r) => r.slice(2, 5).concat(r.slice(8, 10)).map(Number));
    for (const [wjac, euc, acc, tsrWjac, tsrEuc] of [lstm, attention]) {
      expect(wjac).toBeGreaterThanOrEqual(0);
      expect(wjac).toBeLessThanOrEqual(1);
      expect(euc).toBeGreaterThan(0);
      expect(acc).toBeGreaterThanOrEqual(0);
      expect(acc).toBeLessThanOrEqual(100);
      expect([tsrWjac, tsrEuc].every(Number.isFinite)).toBe(true);
    }
    // The paper's finding, already visible in the reduced run: attention keeps saliency on the
    // early box, where a plain LSTM's vanishes.
    expect(attention[0]).toBeGreaterThan(lstm[0] + 0.05);
    expect(first.out).toContain('| earlier | lstm+input-cell |');

    const again = await cli(['--quick', '--datasets', 'earlier', '--out', out]);
    expect(again.code).toBe(0);
    expect(await readFile(path.join(out, 'table.tsv'), 'utf8')).toBe(tsv);
    expect(again.err).not.toMatch(/training:/);
  }, 120_000);

  it('refuses an unknown dataset name, listing the valid ones', async () => {
    const r = await cli(['--datasets', 'earlier,late', '--out', await tempDir()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--datasets = "late"; expected names from earlier, middle, latter, mixed, three-earlier, three-middle/);
  });
});
