import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunManifest } from '../../src/study/index.js';
import { tempDir, tsv, writeTree } from '../helpers/temp-tree.js';

describe('run manifests', () => {
  it('resolves paths against the manifest folder and reads optional columns, n/a as none', async () => {
    const root = await tempDir();
    await writeTree(root, {
      'data/a.nii.gz': 'x', 'data/a.json': '{"RepetitionTime": 1.25}', 'data/b.csv': 'r\n1\n', 'ev.tsv': 'onset\tduration\ttrial_type\n',
      'list.tsv': tsv(['file', 'subject', 'task', 'session', 'run', 'events', 'tr'], [
        ['data/a.nii.gz', 's1', 'faces', 'n/a', '2', 'ev.tsv', ''],
        ['data/b.csv', 's2', 'rest', 'pre', '', 'n/a', '0.8'],
      ]),
    });
    const runs = await readRunManifest(path.join(root, 'list.tsv'));
    expect(runs).toEqual([
      { file: path.join(root, 'data/a.nii.gz'), format: 'nifti', subject: 's1', task: 'faces', session: null, run: '2',
        events: path.join(root, 'ev.tsv'), tr: 1.25, trSource: path.join(root, 'data/a.json') },
      { file: path.join(root, 'data/b.csv'), format: 'table', subject: 's2', task: 'rest', session: 'pre', run: null,
        events: null, tr: 0.8, trSource: path.join(root, 'list.tsv') },
    ]);
  });

  it('names the missing column, the bad cell and the missing file', async () => {
    const root = await tempDir();
    const list = path.join(root, 'list.tsv');
    await writeTree(root, { 'a.csv': 'r\n1\n', 'list.tsv': tsv(['file', 'subject'], [['a.csv', 's1']]) });
    await expect(readRunManifest(list)).rejects.toMatchObject({ code: 'TABLE_COLUMN', file: list, value: ['file', 'subject'] });
    await writeTree(root, { 'list.tsv': tsv(['file', 'subject', 'task', 'tr'], [['a.csv', 's1', 't', '2'], ['a.csv', 's1', 't', '-1']]) });
    await expect(readRunManifest(list)).rejects.toMatchObject({ code: 'STUDY_MANIFEST_TR', field: 'line 3, column tr', value: '-1' });
    await writeTree(root, { 'list.tsv': tsv(['file', 'subject', 'task'], [['a.csv', '', 't']]) });
    await expect(readRunManifest(list)).rejects.toMatchObject({ code: 'STUDY_MANIFEST_FIELD', field: 'line 2, column subject' });
    await writeTree(root, { 'list.tsv': tsv(['file', 'subject', 'task'], [['gone.csv', 's1', 't']]) });
    await expect(readRunManifest(list)).rejects.toMatchObject({ code: 'STUDY_FILE_MISSING', value: path.join(root, 'gone.csv') });
    await writeTree(root, { 'list.tsv': tsv(['file', 'subject', 'task'], [['a.csv', 's1', 't'], ['./a.csv', 's2', 't']]) });
    await expect(readRunManifest(list)).rejects.toMatchObject({ code: 'STUDY_DUPLICATE_RUN' });
    await writeTree(root, { 'list.tsv': tsv(['file', 'subject', 'task'], [['a.mat', 's1', 't']]) });
    await expect(readRunManifest(list)).rejects.toMatchObject({ code: 'STUDY_RUN_FORMAT' });
  });
});
