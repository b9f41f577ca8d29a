import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/capture-io.js';
import { suiteTempDir, tempDir } from '../helpers/temp-tree.js';

async function cli(args: string[]) {
  const io = captureIO();
  const code = await main(['reproduce-paper', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** Columns of table.tsv as the issue names them, then the run's epochs, training time, why it stopped, and the rows' notes. */
const HEADER = 'dataset\tmodel\twjac\teuc\tacc\tpaper_wjac\tpaper_euc\tpaper_acc\ttsr_wjac\ttsr_euc\tepochs\ttrain_seconds\tstop\tnote';

describe('saliency-studio reproduce-paper --quick', () => {
  let out: string;
  let first: Awaited<ReturnType<typeof cli>>;
  let tsv: string;

  beforeAll(async () => {
    out = path.join(await suiteTempDir(), 'paper');
    first = await cli(['--quick', '--datasets', 'earlier', '--out', out]);
    tsv = await readFile(path.join(out, 'table.tsv'), 'utf8');
  }, 120_000);

  it('trains both models on the earlier box and scores gradient saliency beside the paper', () => {
    expect(first.code).toBe(0);
    // Not trim(): it would take the last line's empty note cell (a trailing tab) too.
    const [header, ...lines] = tsv.replace(/\n$/, '').split('\n');
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
    // Two epochs of at most two, no notes on the earlier box.
    for (const r of rows) expect(r.slice(10).filter((_, i) => i !== 1)).toEqual(['2', 'max-epochs', '']);
  });

  it('trains the quick run as before the paper\'s rule: validated once an epoch, patience 2', async () => {
    for (const run of ['lstm', 'lstm-input-cell']) {
      const { training } = JSON.parse(await readFile(path.join(out, 'earlier', run, 'config.json'), 'utf8'));
      expect(training).toMatchObject({ epochs: 2, patience: 2, monitor: 'val_accuracy' });
      expect(training).not.toHaveProperty('evaluateEveryBatches');
      expect(training).not.toHaveProperty('stopAtTrainAccuracy');
    }
  });

  it('reuses the finished runs when run again with the same settings', async () => {
    const again = await cli(['--quick', '--datasets', 'earlier', '--out', out]);
    expect(again.code).toBe(0);
    expect(await readFile(path.join(out, 'table.tsv'), 'utf8')).toBe(tsv);
    expect(again.err).not.toMatch(/training:/);
  }, 60_000);

  it('refuses a full run into the quick run\'s folder, naming the sample counts that differ', async () => {
    const full = await cli(['--datasets', 'earlier', '--out', out]);
    expect(full.code).toBe(1);
    expect(full.err).toContain(`error: ${path.join(out, 'earlier', 'data', 'synth.json')}: settings = "train: 120 → 1000; test: 40 → 300"; expected the same settings (seed, --quick), or --force to start over, or another --out`);
    expect(await readFile(path.join(out, 'table.tsv'), 'utf8')).toBe(tsv);
  });

  it('refuses runs trained with other settings, naming each, and --force starts them over', async () => {
    const more = await cli(['--quick', '--epochs', '3', '--datasets', 'earlier', '--out', out]);
    expect(more.code).toBe(1);
    expect(more.err).toContain(`error: ${path.join(out, 'earlier', 'lstm')}: settings = "training.epochs: 2 → 3"; expected the same settings, or --force to start this run over, or another --out`);
    expect(await readFile(path.join(out, 'table.tsv'), 'utf8')).toBe(tsv);

    const forced = await cli(['--quick', '--epochs', '3', '--force', '--datasets', 'earlier', '--out', out]);
    expect(forced.code).toBe(0);
    expect(forced.err).toMatch(/earlier · generating/);
    expect(forced.err).toMatch(/earlier · lstm · training:/);
    for (const run of ['lstm', 'lstm-input-cell']) {
      const config = JSON.parse(await readFile(path.join(out, 'earlier', run, 'config.json'), 'utf8'));
      expect(config.training.epochs).toBe(3);
      const summary = JSON.parse(await readFile(path.join(out, 'earlier', run, 'summary.json'), 'utf8'));
      expect([summary.maxEpochs, summary.resumes]).toEqual([3, 0]);
    }
    expect(await cli(['--quick', '--epochs', '3', '--datasets', 'earlier', '--out', out])).toMatchObject({ code: 0 });
  }, 240_000);

  it('refuses an unknown dataset name, listing the valid ones', async () => {
    const r = await cli(['--datasets', 'earlier,late', '--out', await tempDir()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--datasets = "late"; expected names from earlier, middle, latter, mixed, three-earlier, three-middle/);
  });
});
