import path from 'node:path';
import type { Atlas } from '../atlas/index.js';
import { StudyError } from '../errors.js';
import { throwIfCancelled } from '../util/cancel.js';
import { discoverBids } from './bids.js';
import { checkCleanSettings, cleanRun, type CleanedRun, type CleanSettings } from './clean-run.js';
import { recordAtlas } from './dataset-atlas.js';
import { SPLITS, type Dataset, type DatasetCleaning, type LabelBy, type SampleMeta, type Split } from './dataset.js';
import { readEvents, type EventsFile } from './events.js';
import { loadRuns, type LoadedRun } from './load-runs.js';
import { readRunManifest } from './manifest.js';
import { alignRegions } from './regions.js';
import { normalizeRuns, runName, type RunInput, type RunSpec } from './runs.js';
import { checkSplitFractions, DEFAULT_SPLIT, splitSubjects, type SplitFractions } from './split.js';
import type { CleaningSummary, SplitCounts, StudySummary } from './summary.js';
import { labelWindow, volumeConditions, windowOnSteps, windowStarts, type DropReason } from './windows.js';
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
  /** Denoise each run before the z-score (confounds, filters, censoring); absent: no cleaning. */
  clean?: CleanSettings;
  split?: Partial<SplitFractions>;
  seed?: number;
  /**
   * Keep only windows labelled with one of these (tasks or trial_types, by `labelBy`); the
   * dataset's classes are then exactly these. Absent: every class the study offers.
   */
  classes?: string[];
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

/** A labelled window before its data are copied: its run (index into the runs cut), first volume and class. */
export interface PendingWindow {
  run: number;
  start: number;
  label: string;
}

/**
 * Builds a training dataset from a study: finds the runs, parcellates (through the cache) or
 * imports them, aligns regions, cleans each run if asked (`clean`: confounds, filters,
 * censoring; a window overlapping a censored volume is not built), cuts windows on the
 * run's original volume grid, labels them by task or trial_type, z-scores each region per
 * run and splits by subject. Bad input fails with a StudyError before any
 * output exists; the caller writes the result with `writeDatasetCache`.
 */
export async function assembleStudy(input: StudyInput, options: AssembleOptions): Promise<{ dataset: Dataset; summary: StudySummary }> {
  const { window, stride, labelBy, atlas, onProgress, signal } = options;
  checkAssembleOptions(options);
  if (options.clean) checkCleanSettings(options.clean);
  const shiftSeconds = labelBy === 'trial_type' ? options.shiftSeconds ?? 0 : 0;
  const seed = options.seed ?? 0;
  const zscore = options.zscore ?? true;

  onProgress?.({ stage: 'discover', done: 0, total: 1 });
  const { runs, notes } = await resolveRuns(input);
  onProgress?.({ stage: 'discover', done: 1, total: 1 });
  // A misspelt class fails before any parcellation; one with no window fails once windows are cut.
  if (options.classes) refuseUnknownClasses(options.classes, await offeredClasses(runs, labelBy), studySource(input), 'the study\'s classes');
  const { loaded, tr, warnings: loadWarnings, ...counts } = await loadRuns(runs, { atlas, cacheDir: options.cacheDir, onProgress, signal });
  // Atlas warnings (unnamed labels, shared names) only matter where the atlas was used.
  const atlasWarnings = loaded.some((l) => l.run.format !== 'table') ? atlas?.warnings ?? [] : [];
  const warnings = [...notes, ...atlasWarnings, ...loadWarnings];
  if (labelBy === 'task' && options.shiftSeconds) warnings.push('the shift applies to event onsets only; it has no effect when labelling by task');
  const aligned = alignRegions(loaded, atlas);
  const cleaned = options.clean ? await cleanRuns(loaded, aligned.columns, tr, options.clean, signal) : null;
  if (cleaned) warnings.push(...cleaned.flatMap((c) => c.warnings));
  const sized = cleaned ? loaded.map((l, k) => ({ ...l, kept: cleaned[k].kept })) : loaded;

  const { pending: labelled, droppedWindows, runsWithoutWindows, skippedEventRows, lateEvents, censoredWindows, conditions } = await cutWindows(sized, { window, stride, labelBy, tr, shiftSeconds });
  warnings.push(...lateEvents);
  if (labelled.length === 0) {
    throw new StudyError('STUDY_NO_WINDOWS', runs[0].file, 'windows', 0,
      `at least one labelled window (${runsWithoutWindows.map((r) => `${r.run}: ${r.reason}`).slice(0, 3).join('; ')})`);
  }
  const available = windowClasses(labelled);
  if (options.classes) refuseUnknownClasses(options.classes, available, studySource(input), 'the classes with a labelled window');
  const { classes, pending } = keepClasses(labelled, available, options.classes);
  if (classes.length < 2) {
    throw new StudyError('STUDY_ONE_CLASS', runs[0].file, `classes (${labelBy})`, classes, 'at least two classes to tell apart');
  }
  const usedRuns = [...new Set(pending.map((p) => p.run))];
  const subjects = windowSubjects(pending, loaded);
  const sides = splitSubjects(subjects, splitFractions(options), seed);

  onProgress?.({ stage: 'windows', done: 0, total: pending.length });
  const normalised = loaded.map((l, k) => (cleaned ? cleaned[k].series : aligned.columns[k].map((c) => l.series[c])).map((s) => {
    const copy = Float64Array.from(s);
    if (zscore) zscoreInPlace(copy);
    return copy;
  }));
  // Row of each input volume in a run's (cleaned) series: censored volumes have none.
  const rowOf = loaded.map((l, k) => (cleaned ? volumeRows(cleaned[k].kept, l.volumes) : null));
  const regionCount = aligned.regions.length;
  const data = new Float32Array(pending.length * window * regionCount);
  const samples: SampleMeta[] = pending.map((p, s) => {
    const series = normalised[p.run];
    const rows = rowOf[p.run];
    for (let t = 0; t < window; t++) {
      const row = (s * window + t) * regionCount;
      const v = rows ? rows[p.start + t] : p.start + t;
      for (let r = 0; r < regionCount; r++) data[row + r] = series[r][v];
    }
    const run = loaded[p.run].run;
    const events = conditions[p.run];
    return {
      subject: run.subject, session: run.session, run: run.run, task: run.task,
      onsetSeconds: p.start * tr, label: classes.indexOf(p.label), split: sides.get(run.subject)!,
      ...(events ? { on: windowOnSteps(events, p.start, window) } : {}),
    };
  });
  onProgress?.({ stage: 'windows', done: pending.length, total: pending.length });

  // The atlas is recorded only where it placed regions (not for imported tables).
  const parcellated = atlas !== undefined && loaded.some((l) => l.run.format !== 'table');
  const dataset: Dataset = {
    version: 1, regions: aligned.regions, classes, labelBy, window, stride, shiftSeconds, tr, zscored: zscore, seed, samples,
    atlas: parcellated ? await recordAtlas(atlas, options.allowUnnamed ?? false) : null, data,
    ...(cleaned ? { cleaning: datasetCleaning(options.clean!, loaded, cleaned) } : {}),
    ...datasetSources(loaded, usedRuns),
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
    ...(cleaned ? { cleaning: cleaningSummary(options.clean!, loaded, cleaned, censoredWindows) } : {}),
    warnings,
  };
  for (const subject of subjects) summary.splitSubjects[sides.get(subject)!].push(subject);
  warnings.push(...missingClassWarnings(classes, summary.splitSubjects, summary.windowsPerClass));
  return { dataset, summary };
}

/** Refuses options no study could satisfy, before anything is read. */
export function checkAssembleOptions(o: Pick<AssembleOptions, 'window' | 'stride' | 'labelBy' | 'shiftSeconds' | 'seed' | 'split' | 'classes'>): void {
  const fail = (field: string, value: unknown, expected: string): never => {
    throw new StudyError('STUDY_OPTION', '<options>', field, value, expected);
  };
  if (!Number.isInteger(o.window) || o.window < 1) fail('window', o.window, 'a whole number of volumes ≥ 1');
  if (!Number.isInteger(o.stride) || o.stride < 1) fail('stride', o.stride, 'a whole number of volumes ≥ 1');
  if (o.labelBy !== 'task' && o.labelBy !== 'trial_type') fail('labelBy', o.labelBy, '"task" or "trial_type"');
  if (o.shiftSeconds !== undefined && !Number.isFinite(o.shiftSeconds)) fail('shiftSeconds', o.shiftSeconds, 'a number of seconds');
  if (o.seed !== undefined && !Number.isInteger(o.seed)) fail('seed', o.seed, 'an integer');
  if (o.classes !== undefined) {
    if (!Array.isArray(o.classes) || o.classes.some((c) => typeof c !== 'string' || c === '')) fail('classes', o.classes, 'a list of class names (tasks or trial_types)');
    if (new Set(o.classes).size < 2) fail('classes', o.classes, 'at least two different classes to tell apart');
  }
  // Before any parcellation: a split training cannot use should fail in seconds, not after.
  checkSplitFractions(splitFractions(o));
}

/** Every run cleaned on its aligned regions (the ones the dataset keeps), in run order. */
async function cleanRuns(loaded: readonly LoadedRun[], columns: readonly number[][], tr: number, settings: CleanSettings, signal?: AbortSignal): Promise<CleanedRun[]> {
  const out: CleanedRun[] = [];
  for (const [k, l] of loaded.entries()) {
    throwIfCancelled(signal);
    out.push(await cleanRun(l.run, columns[k].map((c) => l.series[c]), l.volumes, tr, settings));
  }
  return out;
}

/** Input volume → row of the kept series; -1 for a censored volume. */
function volumeRows(kept: readonly number[], volumes: number): Int32Array {
  const rows = new Int32Array(volumes).fill(-1);
  kept.forEach((v, i) => { rows[v] = i; });
  return rows;
}

/** The NIfTI runs that gave the dataset windows, in run order (tables have no voxel grid to show). */
function datasetSources(loaded: readonly LoadedRun[], used: readonly number[]): Pick<Dataset, 'sources'> {
  const usedSet = new Set(used);
  const sources = loaded.flatMap((l, k) => (usedSet.has(k) && l.run.format === 'nifti' ? [{ run: runName(l.run), file: l.run.file }] : []));
  return sources.length > 0 ? { sources } : {};
}

/** What dataset.json records of the cleaning: the settings and each confounds table's hash. */
function datasetCleaning(settings: CleanSettings, loaded: readonly LoadedRun[], cleaned: readonly CleanedRun[]): DatasetCleaning {
  return {
    settings,
    confounds: cleaned.flatMap((c, k) => (c.confoundsFile ? [{ run: runName(loaded[k].run), ...c.confoundsFile }] : [])),
  };
}

/** Per run: the confound columns regressed out, the volumes censored (and why), the windows they cost. */
function cleaningSummary(settings: CleanSettings, loaded: readonly LoadedRun[], cleaned: readonly CleanedRun[], censoredWindows: readonly number[]): CleaningSummary {
  return {
    preset: settings.preset ?? null,
    runs: cleaned.map((c, k) => ({
      run: runName(loaded[k].run),
      confoundsFile: c.confoundsFile?.path ?? null,
      confounds: c.confoundColumns.length,
      censored: c.censored,
      windowsLost: censoredWindows[k],
      notCleaned: c.notCleaned,
    })),
  };
}

/** The split fractions asked for, the defaults filling the sides left out. */
export function splitFractions(o: Pick<AssembleOptions, 'split'>): SplitFractions {
  return { ...DEFAULT_SPLIT, ...o.split };
}

/** The study source named in errors: the folder or manifest, absolute. */
function studySource(input: StudyInput): string {
  return 'dir' in input ? path.resolve(input.dir) : 'manifest' in input ? path.resolve(input.manifest) : '<run list>';
}

/** Every class a labelling could offer, from run names and events alone (before any window is cut). */
async function offeredClasses(runs: readonly RunSpec[], labelBy: LabelBy): Promise<string[]> {
  if (labelBy === 'task') return [...new Set(runs.map((r) => r.task))].sort();
  const types = new Set<string>();
  for (const file of new Set(runs.flatMap((r) => (r.events ? [r.events] : [])))) {
    for (const e of (await readEvents(file)).events) types.add(e.trialType);
  }
  return [...types].sort();
}

/** Refuses the first requested class not among `offered` (`described` says which those are, for the message). */
function refuseUnknownClasses(requested: readonly string[], offered: readonly string[], source: string, described: string): void {
  const unknown = requested.find((c) => !offered.includes(c));
  if (unknown === undefined) return;
  throw new StudyError('STUDY_CLASS', source, 'classes', unknown,
    offered.length > 0 ? `one of ${described}: ${offered.join(', ')}` : `one of ${described} (there are none for this labelling)`);
}

/** The classes labelled windows have, sorted: the dataset's classes when none are chosen. */
export function windowClasses(pending: readonly PendingWindow[]): string[] {
  return [...new Set(pending.map((p) => p.label))].sort();
}

/** The chosen classes (in `available` order) and their windows; all of them when none are chosen. */
export function keepClasses(pending: PendingWindow[], available: readonly string[], chosen: readonly string[] | undefined): { classes: string[]; pending: PendingWindow[] } {
  if (!chosen) return { classes: [...available], pending };
  const classes = available.filter((c) => chosen.includes(c));
  return { classes, pending: pending.filter((p) => classes.includes(p.label)) };
}

/** The subjects with at least one window, sorted: the list the split is drawn from. */
export function windowSubjects(pending: readonly PendingWindow[], runs: readonly { run: Pick<RunSpec, 'subject'> }[]): string[] {
  return [...new Set(pending.map((p) => runs[p.run].run.subject))].sort();
}

/** Runs as cutWindows needs them: the run's identity and events, and its volume count. */
export interface SizedRun {
  run: Pick<RunSpec, 'file' | 'events' | 'subject' | 'session' | 'task' | 'run'>;
  volumes: number;
  /** Volumes left after censoring, ascending; absent: all. A window must lie in kept volumes only. */
  kept?: readonly number[];
}

/** Window starts and labels of every run, with what was dropped and why. */
export async function cutWindows(loaded: readonly SizedRun[], o: { window: number; stride: number; labelBy: LabelBy; tr: number; shiftSeconds: number }) {
  const pending: PendingWindow[] = [];
  const droppedWindows: Record<DropReason, number> = { noEvent: 0, noMajority: 0 };
  const runsWithoutWindows: StudySummary['runsWithoutWindows'] = [];
  const eventFiles = new Map<string, EventsFile>();
  const lateEvents: string[] = [];
  // Per run, windows not built because they overlap a censored volume.
  const censoredWindows: number[] = loaded.map(() => 0);
  // Per run, the events active at each volume (null without events): the windows' ON steps.
  const conditions: (string[][] | null)[] = loaded.map(() => null);
  // Tables read only for ON steps (task labels) stay out of the skipped-row count, and one that
  // cannot be read labels nothing there: it only leaves its runs without ON steps.
  const markerFiles = new Map<string, EventsFile | null>();
  const markerEvents = async (file: string) => {
    if (!markerFiles.has(file)) markerFiles.set(file, await readEvents(file).catch(() => null));
    return markerFiles.get(file)!;
  };
  for (const [k, { run, volumes, kept }] of loaded.entries()) {
    const skip = (reason: string) => runsWithoutWindows.push({ run: runName(run), file: run.file, reason });
    const all = windowStarts(volumes, o.window, o.stride);
    if (all.length === 0) {
      skip(`${volumes} volumes, fewer than the ${o.window}-volume window`);
      continue;
    }
    const starts = kept ? uncensoredStarts(all, kept, volumes, o.window) : all;
    censoredWindows[k] = all.length - starts.length;
    if (starts.length === 0) {
      skip(`every window overlaps a censored volume (${volumes - kept!.length} of ${volumes} censored)`);
      continue;
    }
    if (o.labelBy === 'task') {
      for (const start of starts) pending.push({ run: k, start, label: run.task });
      const events = run.events ? await markerEvents(run.events) : null;
      if (events) conditions[k] = volumeConditions(volumes, o.tr, events.events, o.shiftSeconds);
      continue;
    }
    if (!run.events) {
      skip('no events file');
      continue;
    }
    let events = eventFiles.get(run.events);
    if (!events) eventFiles.set(run.events, (events = await readEvents(run.events)));
    const active = volumeConditions(volumes, o.tr, events.events, o.shiftSeconds);
    conditions[k] = active;
    const late = lateEventCount(events, volumes * o.tr, o.shiftSeconds);
    if (late > 0) {
      lateEvents.push(`${run.events}: ${late} of ${events.events.length} events start at or after the end of ${runName(run)} `
        + `(${volumes} volumes × ${o.tr} s = ${round(volumes * o.tr)} s${o.shiftSeconds ? `, onsets shifted ${o.shiftSeconds} s` : ''}) and label nothing; onsets in milliseconds, or another run's events file?`);
    }
    const before = pending.length;
    for (const start of starts) {
      const result = labelWindow(active, start, o.window);
      if ('label' in result) pending.push({ run: k, start, label: result.label });
      else droppedWindows[result.dropped]++;
    }
    if (pending.length === before) skip('no window has one trial_type over more than half its volumes');
  }
  const skippedEventRows = [...eventFiles.values()].reduce((n, e) => n + e.skipped, 0);
  return { pending, droppedWindows, runsWithoutWindows, skippedEventRows, lateEvents, censoredWindows, conditions };
}

/** The window starts whose `window` volumes are all kept (none straddles a censored gap). */
function uncensoredStarts(starts: readonly number[], kept: readonly number[], volumes: number, window: number): number[] {
  // censoredBefore[v]: censored volumes among 0..v-1, so a window's count is one difference.
  const isKept = new Uint8Array(volumes);
  for (const v of kept) isKept[v] = 1;
  const censoredBefore = new Int32Array(volumes + 1);
  for (let v = 0; v < volumes; v++) censoredBefore[v + 1] = censoredBefore[v] + (isKept[v] ? 0 : 1);
  return starts.filter((s) => censoredBefore[s + window] === censoredBefore[s]);
}

/** Events whose shifted onset is at or past the run's end, so they cover no volume. */
function lateEventCount(events: EventsFile, runSeconds: number, shiftSeconds: number): number {
  return events.events.filter((e) => e.onset + shiftSeconds >= runSeconds).length;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Windows per split, overall and per class; a window with no split (none could be drawn) counts in `total` only. */
export function countWindows(samples: readonly { label: number; split: Split | undefined }[], classes: readonly string[]): { windows: SplitCounts; windowsPerClass: Record<string, SplitCounts> } {
  const zero = (): SplitCounts => ({ total: 0, train: 0, validation: 0, test: 0 });
  const windows = zero();
  const windowsPerClass = Object.fromEntries(classes.map((c) => [c, zero()]));
  for (const s of samples) {
    const c = windowsPerClass[classes[s.label]];
    windows.total++;
    c.total++;
    if (s.split === undefined) continue;
    windows[s.split]++;
    c[s.split]++;
  }
  return { windows, windowsPerClass };
}

/** A warning per class missing from a side that has subjects (that side cannot score it). */
export function missingClassWarnings(classes: readonly string[], sides: Record<Split, string[]>, windowsPerClass: Record<string, SplitCounts>): string[] {
  const warnings: string[] = [];
  for (const c of classes) {
    for (const side of SPLITS) {
      if (sides[side].length > 0 && windowsPerClass[c][side] === 0) warnings.push(`class ${c} has no windows in ${side}`);
    }
  }
  return warnings;
}
