/**
 * A dataset built from a study records, per window, which steps are task-ON by the run's
 * events (the labels' timing and shift), and the report's knownOnSteps reads them back.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { knownOnSteps } from '../../src/report/on-steps.js';
import { readDatasetCache, writeDatasetCache } from '../../src/study/cache.js';
import { assembleStudy, type Dataset } from '../../src/study/index.js';
import { tempDir, tsv, writeTree } from '../helpers/temp-tree.js';

const SUBJECTS = ['01', '02', '03'];
const VOLUMES = 10;

/**
 * Three subjects, tasks a and b at TR 2 s, ten-row tables of two regions; only task a has
 * events: A over [0, 6) s and B over [10, 16) s.
 */
async function study(): Promise<string> {
  const root = await tempDir();
  const files: Record<string, string> = {
    'task-a_bold.json': '{"RepetitionTime": 2}',
    'task-b_bold.json': '{"RepetitionTime": 2}',
    'task-a_events.tsv': tsv(['onset', 'duration', 'trial_type'], [[0, 6, 'A'], [10, 6, 'B']]),
  };
  SUBJECTS.forEach((sub, s) => ['a', 'b'].forEach((task, t) => {
    const rows = Array.from({ length: VOLUMES }, (_, v) => `${Math.sin(s * 7 + t * 3 + v)}\t${Math.cos(s * 5 + t + v * 1.3)}`);
    files[`sub-${sub}/func/sub-${sub}_task-${task}_timeseries.tsv`] = ['R1\tR2', ...rows].join('\n') + '\n';
  }));
  await writeTree(root, files);
  return root;
}

const bySubject = (d: Dataset, subject: string) => d.samples.filter((s) => s.subject === subject);

describe('ON steps of windows from the events', () => {
  it('marks the volumes the shifted events cover, window by window (trial_type labels)', async () => {
    // Shift 2 s: A covers [2, 8) s = volumes 1–3, B [12, 18) s = volumes 6–8. Windows of 4 every
    // 2: start 0 (A on 1–3) and start 6 (B on 6–8) are labelled; starts 2 and 4 have no majority.
    const { dataset } = await assembleStudy({ dir: await study() }, { window: 4, stride: 2, labelBy: 'trial_type', shiftSeconds: 2 });
    for (const subject of SUBJECTS) {
      expect(bySubject(dataset, subject).map((s) => [dataset.classes[s.label], s.onsetSeconds, s.on])).toEqual([['A', 0, '0111'], ['B', 12, '1110']]);
    }
  });

  it('marks ON steps when labelling by task too, unshifted, and leaves a run without events without them', async () => {
    // No shift for task labels: A covers volumes 0–2, B volumes 5–7.
    const { dataset } = await assembleStudy({ dir: await study() }, { window: 4, stride: 2, labelBy: 'task', shiftSeconds: 2 });
    for (const subject of SUBJECTS) {
      const samples = bySubject(dataset, subject);
      expect(samples.filter((s) => s.task === 'a').map((s) => [s.onsetSeconds, s.on])).toEqual([[0, '1110'], [4, '1001'], [8, '0111'], [12, '1100']]);
      const b = samples.filter((s) => s.task === 'b');
      expect(b).toHaveLength(4);
      for (const s of b) expect('on' in s).toBe(false);
    }
  });

  it('survives the dataset cache and answers knownOnSteps in the given sample order', async () => {
    const { dataset } = await assembleStudy({ dir: await study() }, { window: 4, stride: 2, labelBy: 'trial_type', shiftSeconds: 2 });
    const dir = path.join(await tempDir(), 'ds');
    await writeDatasetCache(dir, dataset);
    expect((await readDatasetCache(dir)).samples.map((s) => s.on)).toEqual(dataset.samples.map((s) => s.on));
    const indices = [1, 0];
    const on = await knownOnSteps(dir, indices, 4);
    expect(on?.source).toBe('events');
    expect(Array.from(on!.steps).join('')).toBe(dataset.samples[1].on! + dataset.samples[0].on!);
  });

  it('knows no ON steps when any requested window has none (a run without events)', async () => {
    const { dataset } = await assembleStudy({ dir: await study() }, { window: 4, stride: 2, labelBy: 'task' });
    const dir = path.join(await tempDir(), 'ds');
    await writeDatasetCache(dir, dataset);
    const withOn = dataset.samples.findIndex((s) => s.on !== undefined);
    const without = dataset.samples.findIndex((s) => s.on === undefined);
    expect(await knownOnSteps(dir, [withOn, without], 4)).toBeNull();
    expect((await knownOnSteps(dir, [withOn], 4))?.steps).toEqual(Uint8Array.from(dataset.samples[withOn].on!, (c) => Number(c)));
  });
});
