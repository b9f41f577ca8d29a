import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { labelsOnGrid, loadAtlas, type Atlas } from '../atlas/index.js';
import { defaultAtlasPaths } from '../assets.js';
import { AtlasError, StudyError } from '../errors.js';
import { encodeNifti1, encodeNifti1Header, LITTLE_ENDIAN_HOST, type NiftiToWrite } from '../nifti/index.js';
import { createNormalRng } from '../util/rng.js';
import { bytesSeed } from '../util/seeds.js';
import { boldJson, datasetDescription, eventsTsv, json, participantsTsv, readme, runStem } from './bids-text.js';
import { DEMO_GRID, DEMO_NOISE, DEMO_SEED, DEMO_SUBJECTS, DEMO_TASKS, DEMO_TR, DEMO_VOLUMES, drawBlocks, onVolumes } from './design.js';
import { DEMO_FORMAT, DEMO_GROUND_TRUTH, type DemoGroundTruth, type GroundTruthRun } from './ground-truth.js';
import { hrfSummary, noiseSummary } from './summaries.js';
import { blockRegressor } from './hrf.js';
import { brainMask, drawBaseline, simulateRun, type BrainMask } from './signal.js';

export interface DemoOptions {
  /** Integer 0 … 2³²−1; default DEMO_SEED. */
  seed?: number;
  /** The AAL atlas (default: the bundled one); it must name every region the tasks plant. */
  atlas?: Atlas;
  /** Called after each run is simulated. */
  onProgress?: (done: number, total: number) => void;
}

/** A file of the study: path relative to the study folder, and its bytes. */
export interface DemoFile {
  path: string;
  data: Uint8Array;
}

const gzipAsync = promisify(gzip);

/**
 * The demo study's files one at a time, deterministic from the seed: BIDS text files, one
 * gzipped int16 `*_bold.nii.gz` per subject and task, and `ground_truth.json` (last). One at
 * a time so that a writer need not hold the whole study (≈ 60 MB) at once.
 */
export async function* demoFiles(options: DemoOptions = {}): AsyncGenerator<DemoFile> {
  const seed = options.seed ?? DEMO_SEED;
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new StudyError('DEMO_SEED', '<demo>', 'seed', seed, 'an integer from 0 to 4294967295');
  }
  const atlas = options.atlas ?? (await loadAtlas(defaultAtlasPaths().labels, defaultAtlasPaths().names));
  const grid = labelsOnGrid(atlas, { file: '<demo grid>', shape: [...DEMO_GRID.shape], affine: DEMO_GRID.affine });
  const mask = brainMask(grid);
  const tasks = DEMO_TASKS.map((task) => ({ ...task, regions: task.regions.map((name) => plantedRegion(atlas, mask, name)) }));
  const text = (p: string, s: string): DemoFile => ({ path: p, data: Buffer.from(s, 'utf8') });

  yield text('dataset_description.json', datasetDescription(seed));
  yield text('participants.tsv', participantsTsv(DEMO_SUBJECTS));
  yield text('README.md', readme(seed));

  // One image buffer for every run: header then int16 data in place (NIfTI is little-endian).
  const voxels = DEMO_GRID.shape.reduce((p, n) => p * n, 1) * DEMO_VOLUMES;
  const buffer = new Uint8Array(352 + 2 * voxels);
  const data = new Int16Array(buffer.buffer, 352, voxels);
  const runs: GroundTruthRun[] = [];
  const total = DEMO_SUBJECTS.length * tasks.length;
  for (const [s, subject] of DEMO_SUBJECTS.entries()) {
    const subjectRng = createNormalRng(bytesSeed(seed, s + 1, 0));
    const baseline = drawBaseline(mask, subjectRng.normal);
    const [lo, hi] = DEMO_NOISE.subjectGain;
    const gain = lo + (hi - lo) * subjectRng.uniform();
    for (const [k, task] of tasks.entries()) {
      const rng = createNormalRng(bytesSeed(seed, s + 1, k + 1));
      const blocks = drawBlocks(rng.uniform);
      const regressor = blockRegressor(blocks, DEMO_VOLUMES, DEMO_TR);
      const planted = new Set(task.regions.map((r) => mask.labels.indexOf(r.label)));
      simulateRun({ mask, baseline, planted, regressor, gain }, rng.normal, data);
      const stem = runStem(subject, task.name);
      const image: NiftiToWrite = {
        shape: [...DEMO_GRID.shape, DEMO_VOLUMES], datatype: 'int16', affine: DEMO_GRID.affine, data, space: 'mni', tr: DEMO_TR,
        description: `saliency-studio demo, seed ${seed}, task ${task.name}`,
      };
      if (LITTLE_ENDIAN_HOST) buffer.set(encodeNifti1Header(image));
      // Level 1: the demo's images compress 15 % less but six times faster than at level 6.
      const bytes = LITTLE_ENDIAN_HOST ? buffer : encodeNifti1(image);
      yield { path: `${stem}_bold.nii.gz`, data: await gzipAsync(bytes, { level: 1 }) };
      yield text(`${stem}_bold.json`, boldJson(task.name, DEMO_TR));
      yield text(`${stem}_events.tsv`, eventsTsv(blocks, task.name));
      runs.push({
        subject, task: task.name, bold: `${stem}_bold.nii.gz`, events: `${stem}_events.tsv`, gain: round(gain),
        blocks: blocks.map((b) => ({ ...b, firstVolume: Math.ceil(b.onset / DEMO_TR), endVolume: Math.ceil((b.onset + b.duration) / DEMO_TR) })),
        onVolumes: onVolumes(blocks), regressor: Array.from(regressor, round),
      });
      options.onProgress?.(runs.length, total);
    }
  }

  const truth: DemoGroundTruth = {
    format: DEMO_FORMAT, version: 1, seed, tr: DEMO_TR, volumes: DEMO_VOLUMES, subjects: [...DEMO_SUBJECTS],
    grid: { shape: [...DEMO_GRID.shape], affine: DEMO_GRID.affine, space: 'MNI152 (4 mm), sform/qform code 4' },
    atlas: {
      name: 'AAL', labels: path.basename(atlas.file), names: atlas.namesFile ? path.basename(atlas.namesFile) : '',
      citation: 'Tzourio-Mazoyer N et al. (2002) Automated anatomical labeling of activations in SPM. NeuroImage 15(1):273-289',
    },
    tasks: tasks.map((t) => ({ name: t.name, trialType: t.name, stimulus: t.stimulus, regions: t.regions })),
    runs, hrf: hrfSummary(), noise: noiseSummary(),
  };
  yield text(DEMO_GROUND_TRUTH, json(truth));
}

/** The label and voxel count of a planted region, or an AtlasError when the atlas lacks it. */
function plantedRegion(atlas: Atlas, mask: BrainMask, name: string) {
  const region = atlas.regions.find((r) => r.name === name);
  const voxels = region ? mask.region.filter((r) => mask.labels[r] === region.label).length : 0;
  if (!region || voxels === 0) {
    throw new AtlasError('DEMO_ATLAS_REGION', atlas.file, 'region', name, 'an AAL region with voxels on the 4 mm demo grid (use the bundled AAL atlas)');
  }
  return { label: region.label, name, voxels };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
