import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StudyError } from '../errors.js';
import { DEMO_SEED } from './design.js';
import { demoFiles, type DemoOptions } from './generate.js';
import { readDemoGroundTruth, type DemoGroundTruth } from './ground-truth.js';

/**
 * Generates the demo study into `dir`, all or nothing: files go to a hidden sibling folder
 * that is renamed to `dir` once complete, so an interrupted run leaves no half study. `dir`
 * must not exist or be empty (a user's folder is never overwritten). Returns the ground truth.
 */
export async function writeDemoStudy(dir: string, seed = DEMO_SEED, options: Omit<DemoOptions, 'seed'> = {}): Promise<DemoGroundTruth> {
  const target = path.resolve(dir);
  const existing = await readdir(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    if (err.code === 'ENOTDIR') throw new StudyError('DEMO_DIR', target, 'path', dir, 'a folder (this is a file)');
    throw err;
  });
  if (existing && existing.length > 0) {
    throw new StudyError('DEMO_DIR', target, 'contents', `${existing.length} entries`, 'a new or empty folder for the demo study (choose another folder or remove this one)');
  }
  await mkdir(path.dirname(target), { recursive: true });
  const staging = path.join(path.dirname(target), `.${path.basename(target)}.partial-${randomBytes(4).toString('hex')}`);
  try {
    for await (const file of demoFiles({ ...options, seed })) {
      const out = path.join(staging, file.path);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, file.data);
    }
    if (existing) await rmdir(target);
    await rename(staging, target);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return readDemoGroundTruth(target);
}
