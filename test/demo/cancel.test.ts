import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OperationContext } from '../../src/app/context.js';
import { DEMO_SEED, writeDemoStudy } from '../../src/demo/index.js';
import { EIGHT_SUBJECT_DEMO } from '../helpers/demo-design.js';
import { runDemo } from '../../src/demo/run.js';
import { TrainingCancelled } from '../../src/jobs/errors.js';
import { selectBackend } from '../../src/model/backend/select.js';
import { Cancelled } from '../../src/util/cancel.js';
import { suiteTempDir } from '../helpers/temp-tree.js';

/** A context that aborts `controller` the first time phase `label` (`phase` or `phase item`) reaches `at` done. */
function abortAt(controller: AbortController, label: string, at: number) {
  const seen: { label: string; done: number }[] = [];
  const reporter: OperationContext = {
    signal: controller.signal,
    onProgress: ({ phase, item, done }) => {
      const name = item === undefined ? phase : `${phase} ${item}`;
      seen.push({ label: name, done });
      if (name === label && done >= at) controller.abort();
    },
  };
  return { seen, reporter };
}

// One demo study, as `demo` generates it; each test cancels a later stage of the same folder.
let out: string;
beforeAll(async () => {
  out = await suiteTempDir();
  await writeDemoStudy(path.join(out, 'study'), DEMO_SEED, { design: EIGHT_SUBJECT_DEMO });
}, 120_000);

describe('runDemo, cancelled', () => {
  it('stops parcellating at the next run with Cancelled, writing no dataset', async () => {
    const controller = new AbortController();
    const { reporter, seen } = abortAt(controller, 'parcellate', 1);
    const error = await runDemo(out, await selectBackend('cpu'), ['tsv'], reporter, { design: EIGHT_SUBJECT_DEMO }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(Cancelled);
    expect(seen.filter((s) => s.label === 'parcellate').map((s) => s.done)).toEqual([0, 1]);
    await expect(stat(path.join(out, 'dataset'))).rejects.toThrow(/ENOENT/);
    await expect(stat(path.join(out, 'runs'))).rejects.toThrow(/ENOENT/);
    // Only complete parcellations are cached: the one run parcellated before the abort.
    expect((await readdir(path.join(out, 'parcellations'))).filter((f) => f.endsWith('.parc'))).toHaveLength(1);
  }, 120_000);

  it('stops training at the next batch with TrainingCancelled, writing no saliency or report', async () => {
    const controller = new AbortController();
    const { reporter } = abortAt(controller, 'train lstm-input-cell', 3);
    const error = await runDemo(out, await selectBackend('cpu'), ['tsv'], reporter, { design: EIGHT_SUBJECT_DEMO }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TrainingCancelled);
    expect((error as TrainingCancelled).lastCheckpointEpoch).toBe(0);
    expect(await readdir(path.join(out, 'runs', 'lstm-input-cell'))).not.toContain('saliency');
    await expect(stat(path.join(out, 'report'))).rejects.toThrow(/ENOENT/);
  }, 300_000);
});
