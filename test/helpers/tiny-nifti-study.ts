import path from 'node:path';
import { writeTree } from './temp-tree.js';
import { writeNifti1 } from './write-nifti.js';

const IDENTITY = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]];
export const TINY_VOLUMES = 8;

/**
 * A tiny BIDS study in `root` on a 4×1×1 grid: atlas.nii with labels [1, 1, 2, 0] named
 * Left, Right and Gone in atlas.nii.txt (Gone has no voxel). Voxels 0 and 1 vary (tinyVoxel);
 * voxel 2 (Right) is constant. 3 subjects × tasks x, y, each run TINY_VOLUMES volumes.
 */
export async function writeTinyNiftiStudy(root: string, trs: { x?: number; y?: number; sidecarX?: number }, nanAt?: { sub: string; task: string; volume: number }) {
  const atlasFile = path.join(root, 'atlas.nii');
  await writeNifti1(atlasFile, { shape: [4, 1, 1], datatype: 'int16', affine: IDENTITY, data: [1, 1, 2, 0] });
  await writeTree(root, {
    'atlas.nii.txt': '1 Left\n2 Right\n3 Gone\n',
    ...(trs.sidecarX ? { 'bids/task-x_bold.json': JSON.stringify({ RepetitionTime: trs.sidecarX }) } : {}),
  });
  for (const [s, sub] of ['01', '02', '03'].entries()) {
    for (const [t, task] of (['x', 'y'] as const).entries()) {
      const data: number[] = [];
      for (let v = 0; v < TINY_VOLUMES; v++) data.push(tinyVoxel(s, t, 0, v), tinyVoxel(s, t, 1, v), 7, 1000);
      if (nanAt?.sub === sub && nanAt.task === task) data[nanAt.volume * 4] = NaN;
      const file = path.join(root, `bids/sub-${sub}/func/sub-${sub}_task-${task}_bold.nii.gz`);
      await writeTree(root, { [`bids/sub-${sub}/func/.keep`]: '' });
      await writeNifti1(file, { shape: [4, 1, 1, TINY_VOLUMES], datatype: 'float32', affine: IDENTITY, data, tr: trs[task] });
    }
  }
  return { dir: path.join(root, 'bids'), atlasFile, namesFile: path.join(root, 'atlas.nii.txt') };
}

/** Voxel i of subject s, task t at volume v. */
export function tinyVoxel(s: number, t: number, i: number, v: number): number {
  return Math.fround(Math.cos(1.3 * s + 2 * t + 3 * i + v * (0.7 + i * 0.2)) * 5);
}
