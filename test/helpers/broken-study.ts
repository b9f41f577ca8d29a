import path from 'node:path';
import { tsv, writeTree } from './temp-tree.js';
import { writeNifti1 } from './write-nifti.js';

const IDENTITY = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];

/** Volumes of every readable run of the broken study. */
export const BROKEN_VOLUMES = 8;

/**
 * A BIDS study in `dir` with one problem of each kind, task `a`, 1×… grids of BROKEN_VOLUMES:
 * sub-01 fine but 2 of its 3 events start after its end (16 s); sub-02 no TR anywhere; sub-03
 * a sidecar TR (2.5 s) that differs from its header's 2 s; sub-04 another grid; sub-05 fine;
 * sub-06 an unreadable image and an events file without onset/duration columns.
 * Returns each run's file by subject.
 */
export async function writeBrokenStudy(dir: string): Promise<(sub: string) => string> {
  const run = (sub: string) => path.join(dir, `sub-${sub}/func/sub-${sub}_task-a_bold.nii`);
  const image = (shape: number[], tr?: number) => ({
    shape: [...shape, BROKEN_VOLUMES], datatype: 'float32' as const, affine: IDENTITY,
    data: Array.from({ length: shape.reduce((p, d) => p * d, 1) * BROKEN_VOLUMES }, (_, i) => Math.sin(i)), ...(tr ? { tr } : {}),
  });
  await writeTree(dir, {
    'sub-01/func/sub-01_task-a_events.tsv': tsv(['onset', 'duration', 'trial_type'], [[0, 4, 'a'], [20, 4, 'b'], [40, 2, 'a']]),
    'sub-03/func/sub-03_task-a_bold.json': JSON.stringify({ RepetitionTime: 2.5 }),
    'sub-06/func/sub-06_task-a_bold.nii': 'not an image',
    'sub-06/func/sub-06_task-a_events.tsv': 'when\twhat\n1\tx\n',
    ...Object.fromEntries(['02', '04', '05'].map((s) => [`sub-${s}/func/.keep`, ''])),
  });
  await writeNifti1(run('01'), image([4, 1, 1], 2));
  await writeNifti1(run('02'), image([4, 1, 1]));
  await writeNifti1(run('03'), image([4, 1, 1], 2));
  await writeNifti1(run('04'), image([2, 2, 1], 2));
  await writeNifti1(run('05'), image([4, 1, 1], 2));
  return run;
}
