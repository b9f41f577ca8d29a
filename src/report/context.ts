import type { Atlas } from '../atlas/load.js';
import type { VerifiedModel } from '../jobs/model-dir.js';
import type { RunConfig } from '../jobs/run-dir.js';
import type { EpochMetrics, TrainSummary } from '../jobs/types.js';
import type { ModelConfig } from '../model/types.js';
import type { RegionImportance, TemporalProfile, TopCellShare, TopRegions } from '../saliency/aggregate/index.js';
import type { StoredRandomisation } from '../saliency/randomisation-result.js';
import type { StoredSaliency } from '../saliency/store.js';
import type { Dataset, LabelBy } from '../study/dataset.js';

/** Every output a report can be written as. */
export type ReportFormat = 'tsv' | 'csv' | 'nifti' | 'npy' | 'json' | 'html' | 'pdf';
export const REPORT_FORMATS: readonly ReportFormat[] = ['tsv', 'csv', 'nifti', 'npy', 'json', 'html', 'pdf'];

/** A region of the report, in dataset (= saliency feature) order. */
export interface ReportRegion {
  /** Position in the dataset and in the saliency maps' region axis. */
  index: number;
  /** Atlas label value; null for regions of an imported table. */
  label: number | null;
  name: string;
}

/** One explained sample, with where it came from in the study. */
export interface ReportSample {
  /** Index in the dataset cache. */
  index: number;
  subject: string;
  session: string | null;
  run: string | null;
  task: string;
  /** The window's first volume, seconds from the start of its run. */
  onsetSeconds: number;
  split: string;
  label: number;
  target: number;
  predicted: number;
  /** Softmax probability of `target`. */
  probability: number;
}

/** The atlas a report is drawn on (label image + names). */
export interface ReportAtlas {
  atlas: Atlas;
  labelsFile: string;
  namesFile: string | null;
  /** True for the bundled AAL. */
  bundled: boolean;
  /** 'mni' when the atlas is in MNI space (the bundled AAL is); else 'aligned'. */
  space: 'mni' | 'aligned';
  /** Dataset region index → voxel label; regions without an atlas label map to nothing. */
  labelOfRegion: (number | null)[];
}

/** Which time steps of each sample are task-ON, when known. */
export interface OnSteps {
  /** [samples × time], 1 = ON, in the order of `ReportContext.samples`. */
  steps: Uint8Array;
  /**
   * Where they came from: a study's events files; a synthetic dataset's planted boxes; or the
   * planted HRF-convolved regressor of the demo's ground_truth.json (ON where ≥ ON_RESPONSE).
   */
  source: 'events' | 'synthetic-ground-truth' | 'ground-truth-regressor';
}

/** Everything `inputs.ts` opens for a report. */
export interface ReportInputs {
  runDir: string;
  config: RunConfig;
  summary: TrainSummary;
  metrics: EpochMetrics[];
  /** The run's best model as verified on opening: its files (provenance lists them) and identity. */
  model: Omit<VerifiedModel, 'saved'>;
  saliencyDir: string;
  saliency: StoredSaliency;
  datasetDir: string;
  dataset: Dataset;
  regions: ReportRegion[];
  samples: ReportSample[];
  classes: string[];
  /** Time axis of a window: step t is t volumes, t · TR seconds after the window's onset. */
  time: { volumes: number[]; seconds: number[]; tr: number };
  atlas: ReportAtlas | null;
  onSteps: OnSteps | null;
  /** A functional image whose grid the NIfTI maps are also written on; null when not asked. */
  functionalReference: string | null;
}

/** Region importance of the samples whose true class is `label`. */
export interface ClassImportance {
  label: number;
  name: string;
  /** Samples of this class with a non-zero map. */
  count: number;
  /** Per region (mean share of the class's samples); all NaN when the class has no sample. */
  mean: Float64Array;
}

/** Summaries of the maps, computed once and shared by every writer. */
export interface ReportAggregates {
  importance: RegionImportance;
  classImportance: ClassImportance[];
  /** Mean |map| over samples, [regions × time] row-major (region-major: one row per region). */
  regionByTime: Float64Array;
  temporal: TemporalProfile;
  /** Top regions per step (k = min(5, regions)). */
  topRegions: TopRegions;
  /** Share of each sample's top-10 % cells (all regions) in ON steps; null when ON steps are not known. */
  topCellShare: TopCellShare | null;
  /**
   * Per region, the share of each sample's top-10 % steps of that region that fall in ON steps
   * (averaged over samples; chance = `topCellShare.chance`); null when ON steps are not known.
   */
  topCellShareByRegion: Float64Array | null;
}

/** One input file with its size and checksum. */
export interface ProvenanceFile {
  role: string;
  path: string;
  bytes: number;
  sha256: string;
}

/** What provenance.json holds. */
export interface Provenance {
  format: 'saliency-studio-report-provenance';
  version: 1;
  app: { name: string; version: string };
  createdAt: string;
  backend: { training: string; saliency: string };
  files: ProvenanceFile[];
  atlas: { labels: string; names: string | null; bundled: boolean; space: string } | null;
  design: {
    classes: string[];
    tasks: string[];
    labelBy: LabelBy;
    window: number;
    stride: number;
    shiftSeconds: number;
    tr: number;
    zscored: boolean;
    splitSeed: number;
    trainingSeed: number;
    /** Samples training used; `validationSource` says whether validation was the dataset's or carved from train. */
    samples: { train: number; validation: number; test: number };
    validationSource: 'dataset' | 'carved';
    subjects: string[];
  };
  model: ModelConfig;
  training: { options: RunConfig['training'] }
    & Pick<TrainSummary, 'epochs' | 'maxEpochs' | 'bestEpoch' | 'stoppedEarly' | 'stopReason' | 'valLoss' | 'valAccuracy' | 'testAccuracy' | 'confusion' | 'wallSeconds'>;
  saliency: {
    method: string; params: Record<string, unknown>; samplesFrom: string; samples: number; createdAt: string;
    /** The randomisation check stored with the maps, when it was run. */
    randomisation?: StoredRandomisation;
  };
  onSteps: OnSteps['source'] | null;
}

/** What every report writer (tables, NIfTI, npy, HTML, PDF) is given. */
export interface ReportContext extends ReportInputs {
  aggregates: ReportAggregates;
  provenance: Provenance;
}
