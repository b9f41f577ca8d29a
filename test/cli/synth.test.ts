import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readDatasetCache } from '../../src/study/index.js';
import { readSynth } from '../../src/synth/index.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir } from '../helpers/temp-tree.js';

async function runSynth(args: string[]) {
  const io = captureIO();
  const code = await main(['synth', ...args], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('saliency-studio synth', () => {
  it('writes a dataset train can read, with masks, and summarises it', async () => {
    const out = path.join(await tempDir(), 'earlier');
    const r = await runSynth(['earlier', '--out', out, '--seed', '5']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Synthetic dataset "earlier", seed 5: 1300 samples of 100 time steps × 100 features/);
    expect(r.out).toMatch(/Samples: train 1000 \(-1: \d+, \+1: \d+\), test 300 \(-1: \d+, \+1: \d+\)/);
    expect(r.out).toMatch(/t0–30 × f10–90/);
    expect(r.err).toMatch(/generating samples: 1300\/1300 \(100%\)/);
    expect((await readdir(out)).sort()).toEqual(['dataset.f32', 'dataset.json', 'mask.u8', 'synth.json']);
    const dataset = await readDatasetCache(out);
    expect([dataset.samples.length, dataset.window, dataset.regions.length, dataset.seed]).toEqual([1300, 100, 100, 5]);
    expect((await readSynth(out)).info.name).toBe('earlier');
  });

  it('the same seed writes identical files; the default seed is 0', async () => {
    const [a, b, c] = await Promise.all([tempDir(), tempDir(), tempDir()]);
    expect((await runSynth(['moving', '--out', a])).code).toBe(0);
    expect((await runSynth(['moving', '--out', b, '--seed', '0'])).code).toBe(0);
    expect((await runSynth(['moving', '--out', c, '--seed', '1'])).code).toBe(0);
    const read = (dir: string, f: string) => readFile(path.join(dir, f));
    for (const f of ['dataset.f32', 'mask.u8', 'synth.json']) expect(Buffer.compare(await read(a, f), await read(b, f))).toBe(0);
    expect(Buffer.compare(await read(a, 'dataset.f32'), await read(c, 'dataset.f32'))).not.toBe(0);
  });

  it.each([
    [['nope', '--out', '/tmp/x'], /<dataset> = "nope"; expected one of earlier, middle, latter, three-earlier, three-middle, mixed, moving/],
    [['--out', '/tmp/x'], /<dataset> = "missing"; expected exactly one <dataset>/],
    [['earlier', 'middle', '--out', '/tmp/x'], /<dataset> = \["earlier", "middle"\]/],
    [['earlier'], /--out = "missing"; expected a value \(required\)/],
    [['earlier', '--out', '/tmp/x', '--seed=-1'], /--seed = "-1"; expected an integer ≥ 0/],
    [['earlier', '--out', '/tmp/x', '--seed', '1.5'], /--seed = "1.5"; expected an integer ≥ 0/],
    // mulberry32 takes 32 bits: seed 2³² would silently write seed 0's dataset.
    [['earlier', '--out', '/tmp/x', '--seed', '4294967296'], /--seed = "4294967296"; expected an integer ≥ 0 and ≤ 4294967295/],
    [['earlier', '--out', '/tmp/x', '--seed', '-1'], /--seed = "-1"; expected a value; one starting with "-" must be joined with "=": write --seed=-1/],
    [['earlier', '--out', '/tmp/x', '--sed', '1'], /expected valid options/],
  ])('%j is a usage error (exit 2, one line)', async (args, message) => {
    const r = await runSynth(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('--help lists the datasets and their boxes', async () => {
    const r = await runSynth(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/synth <earlier\|middle\|latter\|three-earlier\|three-middle\|mixed\|moving> --out <dir> \[--seed N\]/);
    expect(r.out).toMatch(/mixed .*8000\/1000/);
  });

  it('is listed in the main help', async () => {
    const io = captureIO();
    await main(['--help'], io);
    expect(io.stdout()).toMatch(/synth\s+write a synthetic dataset/);
  });
});
