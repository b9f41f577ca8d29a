import { StudyError } from '../errors.js';
import {
  checkAssembleOptions, countWindows, cutWindows, keepClasses, missingClassWarnings, splitFractions, windowClasses, windowSubjects,
  type SizedRun,
} from '../study/assemble.js';
import { checkCleanSettings, loadRunConfounds, type CleanSettings } from '../study/clean-run.js';
import type { LabelBy, Split } from '../study/dataset.js';
import { splitSubjects, type SplitFractions } from '../study/split.js';
import type { SplitCounts } from '../study/summary.js';
import type { DropReason } from '../study/windows.js';
import { type StudySource, withDesignDefaults } from './build-dataset.js';
import type { OperationContext } from './context.js';
import { openStudy, type StudyRunListing } from './open-study.js';

export interface PreviewDatasetOptions {
  input: StudySource;
  /** Window length and stride, in volumes. */
  window?: number;
  stride?: number;
  labelBy?: LabelBy;
  /** Hemodynamic delay added to event onsets, in seconds (trial_type labels only). */
  shiftSeconds?: number;
  split?: Partial<SplitFractions>;
  seed?: number;
  /** Keep only windows of these classes; absent: every class of the study. */
  classes?: string[];
  /** The cleaning the build will do: its censoring (confounds tables only, no signal) is counted. */
  clean?: CleanSettings;
}

/** What a build with these options would give (src/api/schemas/dataset.ts datasetPreview). */
export interface DatasetPreview {
  /** The TR most runs share; null when no run has one. */
  tr: number | null;
  /** Every class labelled windows have under this labelling; `classes` are those kept. */
  availableClasses: string[];
  classes: string[];
  windows: SplitCounts;
  windowsPerClass: Record<string, SplitCounts>;
  splitSubjects: Record<Split, string[]>;
  droppedWindows: Record<DropReason, number>;
  warnings: string[];
  /** With a cleaning preset: per run, the volumes censored and the windows they cost; in all, the windows lost. */
  cleaning?: PreviewCleaning;
}

export interface PreviewCleaning {
  runs: { run: string; censored: number; windowsLost: number; notCleaned: string | null }[];
  windowsLost: number;
}

/** Fewer training windows than this in a class, and the preview warns. */
const FEW_TRAINING_WINDOWS = 10;

/** TRs closer than this (relative) are equal, as src/study/load-runs.ts decides. */
const TR_TOLERANCE = 1e-4;

/**
 * The windows per class and split a dataset build with the same options would give, from
 * headers, sidecars and events only (nothing is parcellated), so the Design screen can show
 * them while the user chooses. What would make the build fail (no TR, mixed TRs, unreadable
 * files, too few classes or subjects) is a warning here, not an error; it throws only when the
 * study cannot be opened or an option is out of range. Progress and cancellation as openStudy.
 */
export async function previewDataset(options: PreviewDatasetOptions, ctx: OperationContext = {}): Promise<DatasetPreview> {
  const o = withDesignDefaults(options);
  checkAssembleOptions(o);
  if (options.clean) checkCleanSettings(options.clean);
  const shiftSeconds = o.labelBy === 'trial_type' ? o.shiftSeconds : 0;
  const study = await openStudy(options.input, ctx);
  const warnings = study.problems.filter((p) => p.severity === 'error').map((p) => `the build would fail: ${p.message}`);
  if (o.labelBy === 'task' && o.shiftSeconds) warnings.push('the shift applies to event onsets only; it has no effect when labelling by task');

  const tr = commonTr(study.runs);
  const listed = study.runs.flatMap((r) => (r.volumes === null ? [] : [{ listing: r, volumes: r.volumes }]));
  const censoring = options.clean?.preset ? await runCensoring(listed, options.clean, warnings) : null;
  const sized: SizedRun[] = listed.map(({ listing: r, volumes }, k) => ({
    run: { ...r, events: r.events?.file ?? null }, volumes, ...(censoring?.[k].kept ? { kept: censoring[k].kept } : {}),
  }));
  // Only events need the TR (to place them on volumes): by task, runs are cut even when none has one.
  const cut = tr === null && o.labelBy === 'trial_type' ? null : await cutWindows(sized, { window: o.window, stride: o.stride, labelBy: o.labelBy, tr: tr ?? 1, shiftSeconds });
  if (!cut) warnings.push('no run has a repetition time, so events cannot be placed on volumes: no trial_type window can be labelled');
  const labelled = cut?.pending ?? [];
  warnings.push(...cut?.lateEvents ?? [], ...runsWithoutWindowsWarnings(cut?.runsWithoutWindows ?? []));

  const availableClasses = windowClasses(labelled);
  if (cut && labelled.length === 0) warnings.push('no window gets a label, so no dataset can be built');
  for (const c of o.classes ?? []) {
    if (!availableClasses.includes(c)) warnings.push(`class ${c} has no labelled window in this study (its classes: ${availableClasses.join(', ') || 'none'}); the build would fail`);
  }
  const { classes, pending } = keepClasses(labelled, availableClasses, o.classes);
  if (labelled.length > 0 && classes.length < 2) warnings.push(`a dataset needs at least two classes to tell apart; this one would have ${classes.length === 0 ? 'none' : `only ${classes[0]}`}`);

  const subjects = windowSubjects(pending, sized);
  const sides = drawSplit(subjects, splitFractions(o), o.seed, warnings);
  const counts = countWindows(pending.map((p) => ({ label: classes.indexOf(p.label), split: sides?.get(sized[p.run].run.subject) })), classes);
  const split: Record<Split, string[]> = { train: [], validation: [], test: [] };
  for (const subject of subjects) if (sides) split[sides.get(subject)!].push(subject);
  if (sides) warnings.push(...splitWarnings(classes, split, counts.windowsPerClass));
  const cleaning = censoring && cut ? previewCleaning(listed.map((l) => l.listing.name), censoring, cut.censoredWindows) : null;
  return {
    tr, availableClasses, classes, ...counts, splitSubjects: split,
    droppedWindows: cut?.droppedWindows ?? { noEvent: 0, noMajority: 0 }, warnings,
    ...(cleaning ? { cleaning } : {}),
  };
}

interface RunCensoring {
  /** Volumes the build keeps; absent: all. */
  kept?: number[];
  censored: number;
  notCleaned: string | null;
}

/**
 * Per run, the volumes the build's cleaning would keep, from its confounds table alone (the
 * build's own `loadRunConfounds`). A table that would fail the build is a warning, and the run
 * counted uncensored.
 */
async function runCensoring(runs: readonly { listing: StudyRunListing; volumes: number }[], clean: CleanSettings, warnings: string[]): Promise<RunCensoring[]> {
  const out: RunCensoring[] = [];
  for (const { listing, volumes } of runs) {
    try {
      const found = await loadRunConfounds(listing.file, listing.name, volumes, clean);
      if (found.file === null) {
        out.push({ censored: 0, notCleaned: found.notCleaned });
        if (found.notCleaned) warnings.push(`${listing.name}: not cleaned by the ${clean.preset} confounds (${found.notCleaned})`);
        continue;
      }
      const mask = found.loaded.sampleMask;
      out.push({ ...(mask ? { kept: mask } : {}), censored: found.loaded.censored.length, notCleaned: null });
      warnings.push(...found.loaded.warnings.map((w) => `${listing.name}: ${w}`));
    } catch (err) {
      if (!(err instanceof StudyError)) throw err;
      warnings.push(`the build would fail: ${err.message}`);
      out.push({ censored: 0, notCleaned: null });
    }
  }
  return out;
}

function previewCleaning(names: readonly string[], censoring: readonly RunCensoring[], lost: readonly number[]): PreviewCleaning {
  const runs = censoring.map((c, k) => ({ run: names[k], censored: c.censored, windowsLost: lost[k], notCleaned: c.notCleaned }));
  return { runs, windowsLost: runs.reduce((n, r) => n + r.windowsLost, 0) };
}

/** The TR most runs share (the first met on a tie), as the build picks it; null when none has one. */
function commonTr(runs: readonly StudyRunListing[]): number | null {
  const groups: { tr: number; runs: number }[] = [];
  for (const r of runs) {
    if (r.tr === null) continue;
    const group = groups.find((g) => Math.abs(r.tr! - g.tr) <= TR_TOLERANCE * g.tr);
    if (group) group.runs++;
    else groups.push({ tr: r.tr, runs: 1 });
  }
  return groups.length === 0 ? null : groups.reduce((best, g) => (g.runs > best.runs ? g : best)).tr;
}

/** The subject split the build would draw; null (with a warning) when there are too few subjects for it. */
function drawSplit(subjects: string[], fractions: SplitFractions, seed: number, warnings: string[]): Map<string, Split> | null {
  if (subjects.length === 0) return null;
  try {
    return splitSubjects(subjects, fractions, seed);
  } catch (err) {
    if (!(err instanceof StudyError)) throw err;
    warnings.push(`${subjects.length} subject${subjects.length === 1 ? ' has' : 's have'} windows, too few for this split: it needs ${err.expected}`);
    return null;
  }
}

/** Classes with too few training windows, no validation subject, sides missing a class. */
function splitWarnings(classes: readonly string[], split: Record<Split, string[]>, perClass: Record<string, SplitCounts>): string[] {
  const warnings: string[] = [];
  for (const c of classes) {
    const n = perClass[c].train;
    if (n < FEW_TRAINING_WINDOWS) warnings.push(`class ${c} has only ${n} training window${n === 1 ? '' : 's'} (fewer than ${FEW_TRAINING_WINDOWS}): too few to learn it well`);
  }
  // splitSubjects gives train and test at least one subject each; validation may have none.
  if (split.validation.length === 0) warnings.push('no subject in validation (its fraction is 0): training sets aside some training windows to validate on instead');
  return [...warnings, ...missingClassWarnings(classes, split, perClass)];
}

/** Runs that give no window, one warning per reason (no events file, too short, no majority), naming the runs. */
function runsWithoutWindowsWarnings(runs: readonly { run: string; reason: string }[]): string[] {
  const byReason = new Map<string, string[]>();
  for (const r of runs) byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), r.run]);
  return [...byReason].map(([reason, names]) => {
    const [count, give] = names.length === 1 ? ['1 run', 'gives'] : [`${names.length} runs`, 'give'];
    const listed = names.slice(0, 5).join(', ') + (names.length > 5 ? `, and ${names.length - 5} more` : '');
    return reason === 'no events file' ? `${count} without an events file ${give} no trial_type window: ${listed}` : `${count} ${give} no window (${reason}): ${listed}`;
  });
}
