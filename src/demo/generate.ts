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
import { DEMO_DESIGN, DEMO_GRID, DEMO_SEED, drawBlocks, onVolumes, type DemoDesign } from './design.js';
import { DEMO_FORMAT, DEMO_GROUND_TRUTH, type DemoGroundTruth, type GroundTruthRun } from './ground-truth.js';
import { hrfSummary, noiseSummary } from './summaries.js';
import { blockRegressor } from './hrf.js';
import { brainMask, drawBaseline, simulateRun, type BrainMask } from './signal.js';

export interface DemoOptions {
  /** Integer 0 … 2³²−1; default DEMO_SEED. */
  seed?: number;
  /** The AAL atlas (default: the bundled one); it must name every region the tasks plant. */
  atlas?: Atlas;
  /** What to simulate; default DEMO_DESIGN (another design is for calibration experiments, bench/demo). */
  design?: DemoDesign;
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
  const design = options.design ?? DEMO_DESIGN;
  const { tr, volumes, subjects, noise } = design;
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new StudyError('DEMO_SEED', '<demo>', 'seed', seed, 'an integer from 0 to 4294967295');
  }
  const atlas = options.atlas ?? (await loadAtlas(defaultAtlasPaths().labels, defaultAtlasPaths().names));
  const grid = labelsOnGrid(atlas, { file: '<demo grid>', shape: [...DEMO_GRID.shape], affine: DEMO_GRID.affine });
  const mask = brainMask(grid);
  const tasks = design.tasks.map((task) => ({ ...task, regions: task.regions.map((name) => plantedRegion(atlas, mask, name)) }));
  const text = (p: string, s: string): DemoFile => ({ path: p, data: Buffer.from(s, 'utf8') });

  yield text('dataset_description.json', datasetDescription(seed));
  yield text('participants.tsv', participantsTsv(subjects));
  yield text('README.md', readme(seed, design));

  // Two image buffers, header then int16 data in place (NIfTI is little-endian): while one
  // run's image is gzipped on the thread pool, the next run is simulated into the other.
  const voxels = DEMO_GRID.shape.reduce((p, n) => p * n, 1) * volumes;
  const buffers = [0, 1].map(() => new Uint8Array(352 + 2 * voxels));
  const runs: GroundTruthRun[] = [];
  const total = subjects.length * tasks.length;
  let pending: Promise<DemoFile[]> | null = null;
  for (const [s, subject] of subjects.entries()) {
    const subjectRng = createNormalRng(bytesSeed(seed, s + 1, 0));
    const baseline = drawBaseline(mask, subjectRng.normal, noise);
    const [lo, hi] = noise.subjectGain;
    const gain = lo + (hi - lo) * subjectRng.uniform();
    for (const [k, task] of tasks.entries()) {
      const rng = createNormalRng(bytesSeed(seed, s + 1, k + 1));
      // A rest run (no planted regions) has no blocks and, as in BIDS, no events file.
      const rest = task.regions.length === 0;
      const blocks = rest ? [] : drawBlocks(rng.uniform, volumes, tr, design.blocks);
      const regressor = blockRegressor(blocks, volumes, tr);
      const planted = new Set(task.regions.map((r) => mask.labels.indexOf(r.label)));
      const buffer = buffers[runs.length % 2];
      const data = new Int16Array(buffer.buffer, 352, voxels);
      simulateRun({ mask, baseline, planted, regressor, gain, noise }, rng.normal, data);
      const stem = runStem(subject, task.name);
      const image: NiftiToWrite = {
        shape: [...DEMO_GRID.shape, volumes], datatype: 'int16', affine: DEMO_GRID.affine, data, space: 'mni', tr,
        description: `saliency-studio demo, seed ${seed}, task ${task.name}`,
      };
      if (LITTLE_ENDIAN_HOST) buffer.set(encodeNifti1Header(image));
      // Level 1: the demo's images compress 15 % less but six times faster than at level 6.
      const bytes = LITTLE_ENDIAN_HOST ? buffer : encodeNifti1(image);
      const events = rest ? null : `${stem}_events.tsv`;
      const compressed = gzipAsync(bytes, { level: 1 }).then((gz): DemoFile[] => [
        { path: `${stem}_bold.nii.gz`, data: gz },
        text(`${stem}_bold.json`, boldJson(task.name, tr)),
        ...(events ? [text(events, eventsTsv(blocks, task.name))] : []),
      ]);
      if (pending) yield* await pending;
      pending = compressed;
      runs.push({
        subject, task: task.name, bold: `${stem}_bold.nii.gz`, events, gain: round(gain),
        blocks: blocks.map((b) => ({ ...b, firstVolume: Math.ceil(b.onset / tr), endVolume: Math.ceil((b.onset + b.duration) / tr) })),
        onVolumes: onVolumes(blocks, volumes, tr), regressor: Array.from(regressor, round),
      });
      options.onProgress?.(runs.length, total);
    }
  }
  if (pending) yield* await pending;

  const truth: DemoGroundTruth = {
    format: DEMO_FORMAT, version: 1, seed, tr, volumes, subjects: [...subjects],
    grid: { shape: [...DEMO_GRID.shape], affine: DEMO_GRID.affine, space: 'MNI152 (4 mm), sform/qform code 4' },
    atlas: {
      name: 'AAL', labels: path.basename(atlas.file), names: atlas.namesFile ? path.basename(atlas.namesFile) : '',
      citation: 'Tzourio-Mazoyer N et al. (2002) Automated anatomical labeling of activations in SPM. NeuroImage 15(1):273-289',
    },
    tasks: tasks.map((t) => ({ name: t.name, trialType: t.name, stimulus: t.stimulus, regions: t.regions })),
    runs, hrf: hrfSummary(tr), noise: noiseSummary(design),
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
