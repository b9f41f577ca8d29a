import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/app/context.js';
import { runDemoOp } from '../../src/app/demo.js';
import { Cancelled } from '../../src/util/cancel.js';
import { tempDir } from '../helpers/temp-tree.js';

describe('runDemoOp', () => {
  it('cancelled while generating, finishes the study, reports only phase generate and throws Cancelled', async () => {
    const out = await tempDir();
    const controller = new AbortController();
    const events: Progress[] = [];
    const error = await runDemoOp({ out, backend: 'cpu', formats: ['tsv'] }, {
      signal: controller.signal,
      onProgress: (p) => {
        events.push(p);
        controller.abort();
      },
    }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Cancelled);
    expect(new Set(events.map((e) => e.phase))).toEqual(new Set(['generate']));
    expect(events.at(-1)!.done).toBe(events.at(-1)!.total);
    await stat(path.join(out, 'study', 'ground_truth.json'));
    await expect(stat(path.join(out, 'dataset'))).rejects.toThrow(/ENOENT/);
  }, 120_000);
});
