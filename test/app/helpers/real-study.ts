import { readFileSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { shared } from '../../helpers/shared-data.js';
import { writeTree } from '../../helpers/temp-tree.js';

/** The real 4-D run (46×55×46, 24 volumes, TR 2 s in its header) and nibabel's AAL region means of it. */
export const REAL_BOLD = shared('parcellation', 'sub-01_task-demo_bold.nii.gz');
/** A real region table (6 AAL regions × 200 volumes). */
export const REAL_TABLE = shared('signal', 'sub-01_task-demo_atlas-AAL_timeseries.tsv');

export interface ReferenceRegion { label: number; name: string; voxels: number; means: number[] }

/** aal_region_means.tsv: label, name, voxels, t0 … t23 (nibabel's resampling and means). */
export function readReferenceMeans(): ReferenceRegion[] {
  const [, ...lines] = readFileSync(shared('parcellation', 'aal_region_means.tsv'), 'utf8').trim().split('\n');
  return lines.map((line) => {
    const [label, name, voxels, ...means] = line.split('\t');
    return { label: Number(label), name, voxels: Number(voxels), means: means.map((m) => (m === 'n/a' || m === 'nan' ? NaN : Number(m))) };
  });
}

/** The region table's columns, read naively: header names, then one number per cell. */
export function readTableColumns(): Map<string, number[]> {
  const [header, ...rows] = readFileSync(REAL_TABLE, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  return new Map(header.map((name, c) => [name, rows.map((r) => Number(r[c]))]));
}

/** The events of sub-01's run, as written (the `n/a` row describes no condition). */
export const REAL_EVENTS = [
  { onset: 0, duration: 8, trialType: 'rest' },
  { onset: 8, duration: 12, trialType: 'tap' },
  { onset: 30, duration: 10, trialType: 'tap' },
];

/**
 * A BIDS study in `root`/bids of real files: sub-01's 4-D image (with an events file) and
 * sub-02's region table (TR 2 s from its sidecar).
 */
export async function writeRealStudy(root: string): Promise<{ dir: string; bold: string; table: string; events: string }> {
  const dir = path.join(root, 'bids');
  const bold = path.join(dir, 'sub-01/func/sub-01_task-demo_bold.nii.gz');
  const table = path.join(dir, 'sub-02/func/sub-02_task-demo_timeseries.tsv');
  const events = path.join(dir, 'sub-01/func/sub-01_task-demo_events.tsv');
  await writeTree(dir, {
    'sub-01/func/sub-01_task-demo_events.tsv': ['onset\tduration\ttrial_type', '0\t8\trest', '8\t12\ttap', '20\t2\tn/a', '30\t10\ttap'].join('\n') + '\n',
    'sub-02/func/sub-02_task-demo_timeseries.json': '{"RepetitionTime": 2}',
  });
  await mkdir(path.dirname(bold), { recursive: true });
  await copyFile(REAL_BOLD, bold);
  await copyFile(REAL_TABLE, table);
  return { dir, bold, table, events };
}
