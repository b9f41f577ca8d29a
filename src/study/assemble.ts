import type { Atlas } from '../atlas/index.js';
import { StudyError } from '../errors.js';
import { discoverBids } from './bids.js';
import { recordAtlas } from './dataset-atlas.js';
import { SPLITS, type Dataset, type LabelBy, type SampleMeta } from './dataset.js';
import { readEvents, type EventsFile } from './events.js';
import { loadRuns, type LoadedRun } from './load-runs.js';
import { readRunManifest } from './manifest.js';
import { alignRegions } from './regions.js';
import { normalizeRuns, runName, type RunInput, type RunSpec } from './runs.js';
import { checkSplitFractions, DEFAULT_SPLIT, splitSubjects, type SplitFractions } from './split.js';
import type { SplitCounts, StudySummary } from './summary.js';
import { labelWindow, volumeConditions, windowStarts, type DropReason } from './windows.js';
import { zscoreInPlace } from './zscore.js';

/** Where a study's runs come from: a BIDS/fMRIPrep folder, a manifest table, or a list. */
export type StudyInput = { dir: string; space?: string } | { manifest: string } | { runs: RunInput[]; baseDir?: string };

export interface AssembleOptions {
  /** Needed when any run is a NIfTI image. */
  atlas?: Atlas;
  /** Whether `atlas` was loaded with `allowUnnamed`: recorded with the dataset, so a report loads it alike. */
  allowUnnamed?: boolean;
  /** Window length and stride, in volumes. */
  window: number;
  stride: number;
  labelBy: LabelBy;
  /** Hemodynamic delay added to event onsets (trial_type labels only); default 0. */
  shiftSeconds?: number;
  /** Z-score each region per run (default true). */
  zscore?: boolean;
  split?: Partial<SplitFractions>;
  seed?: number;
  /** Folder for the parcellation cache; none when undefined. */
  cacheDir?: string;
  /** Stages: `discover`, `runs` (one step per run), `volumes` (within a parcellation), `windows`. */
  onProgress?: (event: { stage: string; done: number; total: number; item?: string }) => void;
  /** Aborting stops before the next run or volume with Cancelled (util/cancel.ts); nothing is returned. */
  signal?: AbortSignal;
}

/**
 * The runs of a study input, in a stable order (subject, session, task, run, file), and notes
 * on what discovery left out (skipped `sub-*` entries, subjects without runs).
 */
export async function resolveRuns(input: StudyInput): Promise<{ runs: RunSpec[]; notes: string[] }> {
  const { runs, notes } = 'dir' in input ? await discoverBids(input.dir, { space: input.space })
    : { runs: 'manifest' in input ? await readRunManifest(input.manifest)
      : await normalizeRuns(input.runs, input.baseDir ?? process.cwd(), '<run list>'), notes: [] };
  const key = (r: RunSpec) => [r.subject, r.session ?? '', r.task, r.run ?? '', r.file];
  runs.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const i = ka.findIndex((v, j) => v !== kb[j]);
    return i < 0 ? 0 : ka[i] < kb[i] ? -1 : 1;
  });
  return { runs, notes };
}

interface PendingWindow {
  run: number;
  start: number;
  label: string;
}

/**
 * Builds a training dataset from a study: finds the runs, parcellates (through the cache) or
 * imports them, aligns regions, cuts windows, labels them by task or trial_type, z-scores
 * each region per run and splits by subject. Bad input fails with a StudyError before any
 * output exists; the caller writes the result with `writeDatasetCache`.
 */
export async function assembleStudy(input: StudyInput, options: AssembleOptions): Promise<{ dataset: Dataset; summary: StudySummary }> {
  const { window, stride, labelBy, atlas, onProgress, signal } = options;
  checkOptions(options);
  const shiftSeconds = labelBy === 'trial_type' ? options.shiftSeconds ?? 0 : 0;
  const seed = options.seed ?? 0;
  const zscore = options.zscore ?? true;

  onProgress?.({ stage: 'discover', done: 0, total: 1 });
  const { runs, notes } = await resolveRuns(input);
  onProgress?.({ stage: 'discover', done: 1, total: 1 });
  const { loaded, tr, warnings: loadWarnings, ...counts } = await loadRuns(runs, { atlas, cacheDir: options.cacheDir, onProgress, signal });
  // Atlas warnings (unnamed labels, shared names) only matter where the atlas was used.
  const atlasWarnings = loaded.some((l) => l.run.format !== 'table') ? atlas?.warnings ?? [] : [];
  const warnings = [...notes, ...atlasWarnings, ...loadWarnings];
  if (labelBy === 'task' && options.shiftSeconds) warnings.push('the shift applies to event onsets only; it has no effect when labelling by task');
  const aligned = alignRegions(loaded, atlas);

  const { pending, droppedWindows, runsWithoutWindows, skippedEventRows, lateEvents } = await cutWindows(loaded, { window, stride, labelBy, tr, shiftSeconds });
  warnings.push(...lateEvents);
  if (pending.length === 0) {
    throw new StudyError('STUDY_NO_WINDOWS', runs[0].file, 'windows', 0,
      `at least one labelled window (${runsWithoutWindows.map((r) => `${r.run}: ${r.reason}`).slice(0, 3).join('; ')})`);
  }
  const classes = [...new Set(pending.map((p) => p.label))].sort();
  if (classes.length < 2) {
    throw new StudyError('STUDY_ONE_CLASS', runs[0].file, `classes (${labelBy})`, classes, 'at least two classes to tell apart');
  }
  const usedRuns = [...new Set(pending.map((p) => p.run))];
  const subjects = [...new Set(usedRuns.map((k) => loaded[k].run.subject))].sort();
  const sides = splitSubjects(subjects, splitFractions(options), seed);

  onProgress?.({ stage: 'windows', done: 0, total: pending.length });
  const normalised = loaded.map((l, k) => aligned.columns[k].map((c) => {
    const copy = Float64Array.from(l.series[c]);
    if (zscore) zscoreInPlace(copy);
    return copy;
  }));
  const regionCount = aligned.regions.length;
  const data = new Float32Array(pending.length * window * regionCount);
  const samples: SampleMeta[] = pending.map((p, s) => {
    const series = normalised[p.run];
    for (let t = 0; t < window; t++) {
      const row = (s * window + t) * regionCount;
      for (let r = 0; r < regionCount; r++) data[row + r] = series[r][p.start + t];
    }
    const run = loaded[p.run].run;
    return {
      subject: run.subject, session: run.session, run: run.run, task: run.task,
      onsetSeconds: p.start * tr, label: classes.indexOf(p.label), split: sides.get(run.subject)!,
    };
  });
  onProgress?.({ stage: 'windows', done: pending.length, total: pending.length });

  // The atlas is recorded only where it placed regions (not for imported tables).
  const parcellated = atlas !== undefined && loaded.some((l) => l.run.format !== 'table');
  const dataset: Dataset = {
    version: 1, regions: aligned.regions, classes, labelBy, window, stride, shiftSeconds, tr, zscored: zscore, seed, samples,
    atlas: parcellated ? await recordAtlas(atlas, options.allowUnnamed ?? false) : null, data,
  };
  const summary: StudySummary = {
    subjects,
    runs: { used: usedRuns.length, total: runs.length },
    tasks: [...new Set(runs.map((r) => r.task))].sort(),
    tr, labelBy, window, stride, shiftSeconds,
    regions: regionCount,
    droppedRegions: aligned.dropped,
    classes,
    ...countWindows(samples, classes),
    splitSubjects: { train: [], validation: [], test: [] },
    droppedWindows, runsWithoutWindows, skippedEventRows,
    parcellation: counts,
    warnings,
  };
  for (const subject of subjects) summary.splitSubjects[sides.get(subject)!].push(subject);
  for (const c of classes) {
    for (const side of SPLITS) {
      if (summary.splitSubjects[side].length > 0 && summary.windowsPerClass[c][side] === 0) warnings.push(`class ${c} has no windows in ${side}`);
    }
  }
  return { dataset, summary };
}

function checkOptions(o: AssembleOptions): void {
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new StudyError('STUDY_OPTION', '<options>', field, value, expected);
  };
  if (!Number.isInteger(o.window) || o.window < 1) fail('window', o.window, 'a whole number of volumes ≥ 1');
  if (!Number.isInteger(o.stride) || o.stride < 1) fail('stride', o.stride, 'a whole number of volumes ≥ 1');
  if (o.labelBy !== 'task' && o.labelBy !== 'trial_type') fail('labelBy', o.labelBy, '"task" or "trial_type"');
  if (o.shiftSeconds !== undefined && !Number.isFinite(o.shiftSeconds)) fail('shiftSeconds', o.shiftSeconds, 'a number of seconds');
  if (o.seed !== undefined && !Number.isInteger(o.seed)) fail('seed', o.seed, 'an integer');
  // Before any parcellation: a split training cannot use should fail in seconds, not after.
  checkSplitFractions(splitFractions(o));
}

function splitFractions(o: AssembleOptions): SplitFractions {
  return { ...DEFAULT_SPLIT, ...o.split };
}

/** Window starts and labels of every run, with what was dropped and why. */
async function cutWindows(loaded: readonly LoadedRun[], o: { window: number; stride: number; labelBy: LabelBy; tr: number; shiftSeconds: number }) {
  const pending: PendingWindow[] = [];
  const droppedWindows: Record<DropReason, number> = { noEvent: 0, noMajority: 0 };
  const runsWithoutWindows: StudySummary['runsWithoutWindows'] = [];
  const eventFiles = new Map<string, EventsFile>();
  const lateEvents: string[] = [];
  for (const [k, { run, volumes }] of loaded.entries()) {
    const skip = (reason: string) => runsWithoutWindows.push({ run: runName(run), file: run.file, reason });
    const starts = windowStarts(volumes, o.window, o.stride);
    if (starts.length === 0) {
      skip(`${volumes} volumes, fewer than the ${o.window}-volume window`);
      continue;
    }
    if (o.labelBy === 'task') {
      for (const start of starts) pending.push({ run: k, start, label: run.task });
      continue;
    }
    if (!run.events) {
      skip('no events file');
      continue;
    }
    let events = eventFiles.get(run.events);
    if (!events) eventFiles.set(run.events, (events = await readEvents(run.events)));
    const conditions = volumeConditions(volumes, o.tr, events.events, o.shiftSeconds);
    const late = lateEventCount(events, volumes * o.tr, o.shiftSeconds);
    if (late > 0) {
      lateEvents.push(`${run.events}: ${late} of ${events.events.length} events start at or after the end of ${runName(run)} `
        + `(${volumes} volumes × ${o.tr} s = ${round(volumes * o.tr)} s${o.shiftSeconds ? `, onsets shifted ${o.shiftSeconds} s` : ''}) and label nothing; onsets in milliseconds, or another run's events file?`);
    }
    const before = pending.length;
    for (const start of starts) {
      const result = labelWindow(conditions, start, o.window);
      if ('label' in result) pending.push({ run: k, start, label: result.label });
      else droppedWindows[result.dropped]++;
    }
    if (pending.length === before) skip('no window has one trial_type over more than half its volumes');
  }
  const skippedEventRows = [...eventFiles.values()].reduce((n, e) => n + e.skipped, 0);
  return { pending, droppedWindows, runsWithoutWindows, skippedEventRows, lateEvents };
}

/** Events whose shifted onset is at or past the run's end, so they cover no volume. */
function lateEventCount(events: EventsFile, runSeconds: number, shiftSeconds: number): number {
  return events.events.filter((e) => e.onset + shiftSeconds >= runSeconds).length;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function countWindows(samples: readonly SampleMeta[], classes: readonly string[]): { windows: SplitCounts; windowsPerClass: Record<string, SplitCounts> } {
  const zero = (): SplitCounts => ({ total: 0, train: 0, validation: 0, test: 0 });
  const windows = zero();
  const windowsPerClass = Object.fromEntries(classes.map((c) => [c, zero()]));
  for (const s of samples) {
    const c = windowsPerClass[classes[s.label]];
    windows.total++;
    windows[s.split]++;
    c.total++;
    c[s.split]++;
  }
  return { windows, windowsPerClass };
}
