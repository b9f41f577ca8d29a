import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { shared } from './shared-data.js';
import { tempDir, writeTree } from './temp-tree.js';

const SIGNAL = shared('signal', 'sub-01_task-demo_atlas-AAL_timeseries.tsv');
const CONFOUNDS = shared('signal', 'sub-01_task-demo_desc-confounds_timeseries.tsv');
const CONFOUNDS_JSON = shared('signal', 'sub-01_task-demo_desc-confounds_timeseries.json');

/**
 * Two subjects, one table run each: sub-01 task demo (the shared signal), sub-02 task flip (its
 * rows reversed), each with the shared confounds table beside it unless `withoutConfounds` names the task.
 */
export async function writeCleanStudy(withoutConfounds?: string): Promise<string> {
  const root = await tempDir();
  const text = (await readFile(SIGNAL, 'utf8')).trim().split('\n');
  const flipped = [text[0], ...text.slice(1).reverse()].join('\n') + '\n';
  await writeTree(root, {
    'task-demo_bold.json': '{"RepetitionTime": 2}',
    'task-flip_bold.json': '{"RepetitionTime": 2}',
    'sub-01/func/sub-01_task-demo_timeseries.tsv': text.join('\n') + '\n',
    'sub-02/func/sub-02_task-flip_timeseries.tsv': flipped,
  });
  for (const [sub, task] of [['01', 'demo'], ['02', 'flip']]) {
    if (task === withoutConfounds) continue;
    const stem = path.join(root, `sub-${sub}`, 'func', `sub-${sub}_task-${task}_desc-confounds_timeseries`);
    await copyFile(CONFOUNDS, `${stem}.tsv`);
    await copyFile(CONFOUNDS_JSON, `${stem}.json`);
  }
  return root;
}
