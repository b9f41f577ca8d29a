import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { StudyError } from '../errors.js';
import { writeFileAtomic } from '../util/atomic-write.js';
import { throwIfCancelled } from '../util/cancel.js';
import { outputError } from '../util/fs-errors.js';
import { removeStaleSiblings, tempSibling } from '../util/temp-siblings.js';
import { DEMO_SEED } from './design.js';
import { demoFiles, type DemoOptions } from './generate.js';
import { readDemoGroundTruth, type DemoGroundTruth } from './ground-truth.js';

/**
 * Generates the demo study into `dir`, all or nothing: files go to a hidden sibling folder
 * that is renamed to `dir` once complete, so an interrupted run leaves no half study. `dir`
 * must not exist or be empty (a user's folder is never overwritten). Returns the ground truth.
 * Aborting `options.signal` stops after the file being written with Cancelled, leaving no study.
 */
export async function writeDemoStudy(dir: string, seed = DEMO_SEED, options: Omit<DemoOptions, 'seed'> & { signal?: AbortSignal } = {}): Promise<DemoGroundTruth> {
  const { signal, ...generate } = options;
  throwIfCancelled(signal);
  const target = path.resolve(dir);
  const existing = await readdir(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    if (err.code === 'ENOTDIR') throw new StudyError('DEMO_DIR', target, 'path', dir, 'a folder (this is a file)');
    throw err;
  });
  if (existing && existing.length > 0) {
    throw new StudyError('DEMO_DIR', target, 'contents', `${existing.length} entries`, 'a new or empty folder for the demo study (choose another folder or remove this one)');
  }
  await mkdir(path.dirname(target), { recursive: true }).catch((err) => {
    throw outputError(err, target, 'creating its parent folder');
  });
  // A run killed midway could not remove its staging folder: do it now.
  await removeStaleSiblings(target, 'partial');
  const staging = tempSibling(target, 'partial');
  try {
    for await (const file of demoFiles({ ...generate, seed })) {
      await writeFileAtomic(path.join(staging, file.path), file.data);
      throwIfCancelled(signal);
    }
    if (existing) await rmdir(target);
    await rename(staging, target).catch((err) => {
      throw outputError(err, target, 'moving the study into place');
    });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return readDemoGroundTruth(target);
}
