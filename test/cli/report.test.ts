import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir } from '../helpers/temp-tree.js';
import { writeKnownRun } from '../report/helpers/known-run.js';

async function report(runDir: string, out: string) {
  const io = captureIO();
  const code = await main(['report', '--run', runDir, '--out', out, '--formats', 'tsv,json'], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('saliency-studio report of a run whose stored files were altered', () => {
  it('writes the report of the run as training left it', async () => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root);
    const r = await report(runDir, path.join(root, 'report'));
    expect([r.code, r.err]).toEqual([0, '']);
  });

  it.each([
    ['{}', 'format/version = "(missing)/(missing)"; expected saliency-studio-run-summary/1'],
    ['high', 'testAccuracy = "high"; expected a number ≥ 0 ≤ 1'],
  ])('refuses summary.json %s, naming the file and the field, and writes nothing', async (kind, message) => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root);
    const file = path.join(runDir, 'summary.json');
    const summary = JSON.parse(await readFile(file, 'utf8'));
    await writeFile(file, kind === '{}' ? '{}' : JSON.stringify({ ...summary, testAccuracy: 'high' }));
    const r = await report(runDir, path.join(root, 'report'));
    expect([r.code, r.err]).toEqual([1, `error: ${file}: ${message}\n`]);
    expect(await readdir(root)).not.toContain('report');
  });

  it('refuses a metrics.jsonl line with a wrong field, naming the line', async () => {
    const root = await tempDir();
    const { runDir } = await writeKnownRun(root);
    const file = path.join(runDir, 'metrics.jsonl');
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    lines[1] = JSON.stringify({ ...JSON.parse(lines[1]), trainLoss: 'low' });
    await writeFile(file, `${lines.join('\n')}\n`);
    const r = await report(runDir, path.join(root, 'report'));
    expect([r.code, r.err]).toEqual([1, `error: ${file}: line 2.trainLoss = "low"; expected a number\n`]);
  });
});
