import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/app/context.js';
import { writeSynthDataset } from '../../src/app/synth.js';
import { main } from '../../src/cli/main.js';
import { Cancelled } from '../../src/util/cancel.js';
import { captureIO } from '../helpers/capture-io.js';
import { tempDir } from '../helpers/temp-tree.js';

describe('writeSynthDataset', () => {
  it('writes the same files as `synth`, reporting generate then write', async () => {
    const [op, cli] = await Promise.all([tempDir(), tempDir()]);
    const events: Progress[] = [];
    const result = await writeSynthDataset({ name: 'earlier', seed: 5, out: op }, { onProgress: (p) => events.push(p) });
    expect(result.out).toBe(path.resolve(op));
    expect(result.synth.info.name).toBe('earlier');
    expect(await main(['synth', 'earlier', '--seed', '5', '--out', cli], captureIO())).toBe(0);
    for (const f of ['dataset.json', 'dataset.f32', 'mask.u8', 'synth.json']) {
      expect(Buffer.compare(await readFile(path.join(op, f)), await readFile(path.join(cli, f)))).toBe(0);
    }
    expect([...new Set(events.map((e) => e.phase))]).toEqual(['generate', 'write']);
    const generate = events.filter((e) => e.phase === 'generate');
    expect(generate.at(-1)).toMatchObject({ done: 1300, total: 1300, item: 'earlier' });
    expect(events.filter((e) => e.phase === 'write').map((e) => e.done)).toEqual([0, 1]);
  });

  it('cancelled before it starts, throws Cancelled and writes nothing', async () => {
    const out = path.join(await tempDir(), 'none');
    const controller = new AbortController();
    controller.abort();
    await expect(writeSynthDataset({ name: 'earlier', out }, { signal: controller.signal })).rejects.toBeInstanceOf(Cancelled);
    await expect(readFile(path.join(out, 'dataset.json'))).rejects.toThrow(/ENOENT/);
  });
});
