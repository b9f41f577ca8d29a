import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StudyError } from '../../src/errors.js';
import { assembleStudy, dataIndex, DEFAULT_SPLIT, splitSubjects } from '../../src/study/index.js';
import { tempDir, tsv, writeTree } from '../helpers/temp-tree.js';

/**
 * A manifest study of 2-region tables (TR 2 s): subjects 01–04 do tasks a, b and c (12 volumes
 * each), subject 05 only c, and subject 01 also a 3-volume run of task d (shorter than any window).
 */
async function threeTaskStudy(): Promise<string> {
  const root = await tempDir();
  const files: Record<string, string> = {};
  const rows: (string | number)[][] = [];
  const add = (sub: string, task: string, volumes: number) => {
    const name = `ts/sub-${sub}_task-${task}.csv`;
    const k = Number(sub) * 7 + task.charCodeAt(0);
    files[name] = ['R1,R2', ...Array.from({ length: volumes }, (_, v) => `${Math.sin(k + v * 0.9)},${Math.cos(k * 1.3 + v * 0.4)}`)].join('\n') + '\n';
    rows.push([name, sub, task, 2]);
  };
  for (const sub of ['01', '02', '03', '04']) for (const task of ['a', 'b', 'c']) add(sub, task, 12);
  add('05', 'c', 12);
  add('01', 'd', 3);
  files['manifest.tsv'] = tsv(['file', 'subject', 'task', 'tr'], rows);
  await writeTree(root, files);
  return path.join(root, 'manifest.tsv');
}

const design = { window: 4, stride: 4, labelBy: 'task' as const };

describe('choosing the classes of a dataset', () => {
  it('keeps only the chosen classes\' windows, sorted as without a choice, their data unchanged, the split over the subjects left', async () => {
    const manifest = await threeTaskStudy();
    const all = await assembleStudy({ manifest }, design);
    const { dataset, summary } = await assembleStudy({ manifest }, { ...design, classes: ['b', 'a'] });
    expect(all.dataset.classes).toEqual(['a', 'b', 'c']);
    expect(dataset.classes).toEqual(['a', 'b']);
    expect(summary.classes).toEqual(['a', 'b']);
    expect(Object.keys(summary.windowsPerClass)).toEqual(['a', 'b']);
    // 12 volumes, window 4 stride 4 → 3 windows per run; subjects 01–04 × tasks a, b.
    expect(summary.windows.total).toBe(24);
    expect(summary.windowsPerClass.a.total).toBe(12);
    expect(summary.windowsPerClass.b.total).toBe(12);
    // Subject 05 did only c: it has no window left, so it takes no place in the split.
    expect(summary.subjects).toEqual(['01', '02', '03', '04']);
    const sides = splitSubjects(['01', '02', '03', '04'], DEFAULT_SPLIT, 0);
    for (const [side, subjects] of Object.entries(summary.splitSubjects)) {
      expect(subjects).toEqual(['01', '02', '03', '04'].filter((s) => sides.get(s) === side));
    }

    // Each kept window is the unfiltered window of the same run and onset: same class name, same values.
    const kept = all.dataset.samples.map((s, i) => ({ s, i })).filter(({ s }) => all.dataset.classes[s.label] !== 'c');
    expect(dataset.samples).toHaveLength(kept.length);
    for (const [j, sample] of dataset.samples.entries()) {
      const { s: ref, i } = kept.find(({ s }) => s.subject === sample.subject && s.task === sample.task && s.onsetSeconds === sample.onsetSeconds)!;
      expect(dataset.classes[sample.label]).toBe(all.dataset.classes[ref.label]);
      expect(sample.split).toBe(sides.get(sample.subject));
      for (let t = 0; t < design.window; t++) {
        for (let r = 0; r < 2; r++) expect(dataset.data[dataIndex(dataset, j, t, r)]).toBe(all.dataset.data[dataIndex(all.dataset, i, t, r)]);
      }
    }
  });

  it('refuses a class the study does not have before loading any run, naming the study and its classes', async () => {
    const manifest = await threeTaskStudy();
    const stages: string[] = [];
    const error = await assembleStudy({ manifest }, { ...design, classes: ['a', 'z'], onProgress: (e) => stages.push(e.stage) }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(StudyError);
    expect(error).toMatchObject({ code: 'STUDY_CLASS', file: manifest, field: 'classes', value: 'z', expected: 'one of the study\'s classes: a, b, c, d' });
    expect(stages).not.toContain('runs');
  });

  it('refuses a class whose runs give no window, listing the classes that have windows', async () => {
    const manifest = await threeTaskStudy();
    await expect(assembleStudy({ manifest }, { ...design, classes: ['a', 'd'] })).rejects.toMatchObject({
      code: 'STUDY_CLASS', file: manifest, field: 'classes', value: 'd', expected: 'one of the classes with a labelled window: a, b, c',
    });
  });

  it('refuses fewer than two different classes as a StudyError on the classes option', async () => {
    const manifest = await threeTaskStudy();
    for (const classes of [['a'], ['a', 'a'], []]) {
      const error = await assembleStudy({ manifest }, { ...design, classes }).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(StudyError);
      expect(error).toMatchObject({ code: 'STUDY_OPTION', field: 'classes', value: classes, expected: 'at least two different classes to tell apart' });
    }
  });
});
