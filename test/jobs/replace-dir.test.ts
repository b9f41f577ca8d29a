import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverReplacedDir, replaceDir } from '../../src/jobs/run-dir.js';
import { tempDir } from '../helpers/temp-tree.js';

async function folderWith(dir: string, text: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'model.json'), text);
}

describe('replaceDir', () => {
  it('swaps in the new folder and leaves no .partial or .old beside it', async () => {
    const root = await tempDir();
    const best = path.join(root, 'best');
    await folderWith(best, 'epoch 1');
    await replaceDir(best, (dir) => folderWith(dir, 'epoch 2'));
    expect(await readFile(path.join(best, 'model.json'), 'utf8')).toBe('epoch 2');
    expect((await readdir(root)).sort()).toEqual(['best']);
  });

  it('keeps the old folder untouched when writing the new one fails', async () => {
    const root = await tempDir();
    const best = path.join(root, 'best');
    await folderWith(best, 'epoch 1');
    await expect(replaceDir(best, async (dir) => {
      await folderWith(dir, 'half');
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    expect(await readFile(path.join(best, 'model.json'), 'utf8')).toBe('epoch 1');
    expect(await readdir(root)).toEqual(['best']);
  });

  it('after a kill between its two renames (old set aside, new not in), the old folder is put back', async () => {
    const root = await tempDir();
    const best = path.join(root, 'best');
    // The state a kill leaves: best.old holds the previous model, best is gone, best.partial is complete.
    await folderWith(`${best}.old`, 'epoch 1');
    await folderWith(`${best}.partial`, 'epoch 2');
    await recoverReplacedDir(best);
    expect(await readFile(path.join(best, 'model.json'), 'utf8')).toBe('epoch 1');
    expect((await readdir(root)).sort()).toEqual(['best', 'best.partial']);
    await replaceDir(best, (dir) => folderWith(dir, 'epoch 3'));
    expect(await readFile(path.join(best, 'model.json'), 'utf8')).toBe('epoch 3');
    expect(await readdir(root)).toEqual(['best']);
  });

  it('a leftover .old beside a complete folder is removed, not restored over it', async () => {
    const root = await tempDir();
    const best = path.join(root, 'best');
    await folderWith(best, 'epoch 2');
    await folderWith(`${best}.old`, 'epoch 1');
    await recoverReplacedDir(best);
    expect(await readFile(path.join(best, 'model.json'), 'utf8')).toBe('epoch 2');
    expect(await readdir(root)).toEqual(['best']);
  });
});
