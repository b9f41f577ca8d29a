import path from 'node:path';
import { StudyError } from '../errors.js';
import { readVersionedJson } from '../util/check.js';
import type { Block } from './hrf.js';

export const DEMO_GROUND_TRUTH = 'ground_truth.json';
export const DEMO_FORMAT = 'saliency-studio-demo';

/** An atlas region by label value and name. */
export interface PlantedRegion {
  label: number;
  name: string;
  /** Voxels of the region on the 4 mm grid. */
  voxels: number;
}

/** A block with the volumes it covers: first (inclusive) to end (exclusive). */
export interface GroundTruthBlock extends Block {
  firstVolume: number;
  endVolume: number;
}

export interface GroundTruthRun {
  subject: string;
  task: string;
  /** Paths relative to the study folder; a rest run has no events file (null). */
  bold: string;
  events: string | null;
  /** Subject gain on the planted signal. */
  gain: number;
  blocks: GroundTruthBlock[];
  /** Volumes acquired inside a block (stimulus on; the response lags by the HRF's ~5 s). */
  onVolumes: number[];
  /** Expected response of planted regions at each volume (HRF-convolved blocks, plateau ≈ 1). */
  regressor: number[];
}

/** What `ground_truth.json` holds: what was planted where and when, and how. */
export interface DemoGroundTruth {
  format: typeof DEMO_FORMAT;
  version: 1;
  seed: number;
  tr: number;
  volumes: number;
  subjects: string[];
  grid: { shape: number[]; affine: number[][]; space: string };
  atlas: { name: string; labels: string; names: string; citation: string };
  tasks: { name: string; trialType: string; stimulus: string; regions: PlantedRegion[] }[];
  runs: GroundTruthRun[];
  hrf: Record<string, unknown>;
  noise: Record<string, unknown>;
}

/** Reads and checks `<dir>/ground_truth.json` of a demo study. */
export async function readDemoGroundTruth(dir: string): Promise<DemoGroundTruth> {
  const file = path.join(dir, DEMO_GROUND_TRUTH);
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new StudyError('DEMO_GROUND_TRUTH', file, field, value, expected);
  };
  const gt = (await readVersionedJson(file, DEMO_FORMAT, 'the ground truth of a demo study (generate it with writeDemoStudy)', fail)) as unknown as DemoGroundTruth;
  const taskOk = (t: DemoGroundTruth['tasks'][number]) => typeof t?.name === 'string' && Array.isArray(t.regions)
    && t.regions.every((r) => Number.isInteger(r?.label) && typeof r.name === 'string');
  if (!Array.isArray(gt.tasks) || gt.tasks.length === 0 || !gt.tasks.every(taskOk)) {
    throw new StudyError('DEMO_GROUND_TRUTH', file, 'tasks', gt.tasks, 'a list of tasks, each with a name and regions {label, name}');
  }
  const runOk = (r: GroundTruthRun) => typeof r?.subject === 'string' && gt.tasks.some((t) => t.name === r.task)
    && Array.isArray(r.onVolumes) && Array.isArray(r.regressor) && r.regressor.length === gt.volumes;
  if (!Array.isArray(gt.runs) || !gt.runs.every(runOk)) {
    throw new StudyError('DEMO_GROUND_TRUTH', file, 'runs', gt.runs?.length, `runs with a subject, a known task, onVolumes and a regressor of ${gt.volumes} volumes`);
  }
  return gt;
}
