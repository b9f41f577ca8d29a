import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DEMO_GROUND_TRUTH, DEMO_SEED, DEMO_SUBJECTS, DEMO_TASKS, readDemoGroundTruth, writeDemoStudy } from '../demo/index.js';
import { StudyError } from '../errors.js';
import { throwIfCancelled } from '../util/cancel.js';
import { phaseReporter, type OperationContext } from './context.js';

export interface CreateDemoStudyOptions {
  /** The study folder (a workspace's `workspacePath(root, 'studies', DEMO_STUDY_NAME)`). */
  dir: string;
  /** Default DEMO_SEED, the seed the demo's expected scores are for. */
  seed?: number;
}

export interface CreateDemoStudyResult {
  /** The study folder, absolute. */
  dir: string;
  /** False when `dir` already held this demo study (nothing was rewritten). */
  created: boolean;
}

/**
 * The embedded demo study in `dir`, generated once: the first-start offer of the app. A folder
 * that already holds it (its ground_truth.json, of this seed, and every run it lists) is kept
 * as it is, so a second click costs nothing. Progress: phase `generate`, runs simulated of
 * all. Cancelled, it throws Cancelled and leaves no study (writeDemoStudy stages the files).
 */
export async function createDemoStudy(options: CreateDemoStudyOptions, ctx: OperationContext = {}): Promise<CreateDemoStudyResult> {
  const dir = path.resolve(options.dir);
  const seed = options.seed ?? DEMO_SEED;
  throwIfCancelled(ctx.signal);
  if (await holdsDemo(dir, seed)) return { dir, created: false };
  const report = phaseReporter(ctx, 'generate');
  report(0, DEMO_SUBJECTS.length * DEMO_TASKS.length);
  await writeDemoStudy(dir, seed, { onProgress: report, signal: ctx.signal });
  return { dir, created: true };
}

/**
 * Whether `dir` holds the complete demo study of `seed`. A ground truth of another seed, or one
 * whose runs are missing, is a StudyError: the folder is the user's to clear, never overwritten.
 */
async function holdsDemo(dir: string, seed: number): Promise<boolean> {
  const file = path.join(dir, DEMO_GROUND_TRUTH);
  if (!(await stat(file).then((s) => s.isFile(), () => false))) return false;
  const truth = await readDemoGroundTruth(dir);
  if (truth.seed !== seed) {
    throw new StudyError('DEMO_SETTINGS', file, 'seed', truth.seed, `${seed} (this folder holds the demo study of another seed: choose another folder)`);
  }
  for (const run of truth.runs) {
    for (const rel of [run.bold, ...(run.events ? [run.events] : [])]) {
      if (!(await stat(path.join(dir, rel)).then((s) => s.isFile(), () => false))) {
        throw new StudyError('DEMO_INCOMPLETE', path.join(dir, rel), 'path', rel, `the file ${DEMO_GROUND_TRUTH} lists (the demo study is incomplete: remove the folder to generate it again)`);
      }
    }
  }
  return true;
}
