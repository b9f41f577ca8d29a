import { tempDir, writeTree } from './temp-tree.js';

/**
 * A BIDS tree of region tables in a new temp folder: `subjects` subjects (01, 02, …) × tasks
 * a, b at TR 2 s, each run `volumes` rows of two regions R1, R2, every table different.
 */
export async function writeTableStudy(subjects: number, volumes: number): Promise<string> {
  const root = await tempDir();
  const files: Record<string, string> = { 'task-a_bold.json': '{"RepetitionTime": 2}', 'task-b_bold.json': '{"RepetitionTime": 2}' };
  for (let s = 0; s < subjects; s++) {
    const sub = String(s + 1).padStart(2, '0');
    ['a', 'b'].forEach((task, t) => {
      const rows = Array.from({ length: volumes }, (_, v) => `${Math.sin(s * 7 + t * 3 + v)}\t${Math.cos(s * 5 + t + v)}`);
      files[`sub-${sub}/func/sub-${sub}_task-${task}_timeseries.tsv`] = ['R1\tR2', ...rows].join('\n') + '\n';
    });
  }
  await writeTree(root, files);
  return root;
}
