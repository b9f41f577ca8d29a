import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudyError } from '../errors.js';
import { refuseDuplicateRuns } from './duplicates.js';
import { entryKind, listFolder } from './fs-entries.js';
import { findInherited, parseEntities } from './inheritance.js';
import { readRepetitionTime, type RunFormat, type RunSpec } from './runs.js';

/** Entities derivatives (fMRIPrep, XCP-D) add; files differing only in these are one run. */
const DERIVATIVE_ENTITIES = new Set(['space', 'res', 'den', 'desc', 'cohort', 'seg', 'atlas', 'stat']);
const ENDINGS: { ending: string; format: RunFormat }[] = [
  { ending: '_bold.nii.gz', format: 'nifti' },
  { ending: '_bold.nii', format: 'nifti' },
  { ending: '_timeseries.tsv', format: 'table' },
  { ending: '_timeseries.csv', format: 'table' },
];
/** Sidecars that may carry RepetitionTime, by run format, in order of preference. */
const TR_SIDECARS: Record<RunFormat, string[]> = { nifti: ['_bold.json'], table: ['_timeseries.json', '_bold.json'] };

export interface DiscoverOptions {
  /** Keep only images in this `space-` (e.g. MNI152NLin2009cAsym) when a derivative tree has several. */
  space?: string;
}

/** The runs found, and every `sub-*` / `ses-*` entry or subject left out, with why. */
export interface BidsDiscovery {
  runs: RunSpec[];
  notes: string[];
}

const LABEL = /^[a-zA-Z0-9]+$/;
/** fMRIPrep and MRIQC write one `sub-<label>.html` report per subject beside the folders. */
const REPORT = /^(sub|ses)-[a-zA-Z0-9]+\.html$/;

/**
 * Finds the runs of a BIDS dataset or derivative tree: `sub-*\/[ses-*\/]func/*_bold.nii[.gz]`,
 * or already-parcellated `*_timeseries.tsv|.csv` tables (fMRIPrep's `desc-confounds` tables
 * are not region time series and are skipped). TR comes from the nearest inherited
 * `*_bold.json` (tables: `*_timeseries.json` first) carrying RepetitionTime (null if none: the
 * NIfTI header decides later); events from the nearest inherited `*_events.tsv`. For a
 * `derivatives/<name>` folder the raw dataset two levels up is searched for sidecars too.
 * `derivatives/`, `sourcedata/` and other non-`sub-` folders are not walked. Symbolic links
 * are followed; a folder reached twice is refused, and a `sub-*`/`ses-*` entry that is not a
 * folder or whose label is not alphanumeric is skipped with a note, as is a subject without runs.
 * Runs reading one file, or one run given twice (`run-1`, `run-01`), are refused.
 */
export async function discoverBids(dir: string, options: DiscoverOptions = {}): Promise<BidsDiscovery> {
  const root = path.resolve(dir);
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new StudyError('STUDY_DIR', root, 'path', dir, 'an existing BIDS folder');
  const rawRoot = path.basename(path.dirname(root)) === 'derivatives' ? path.dirname(path.dirname(root)) : null;
  const roots = rawRoot ? [root, rawRoot] : [root];

  const { images, subjects, notes } = await findRunFiles(root);
  const wanted = options.space === undefined ? images : images.filter((img) => img.entities.get('space') === options.space);
  for (const sub of subjects) {
    const has = (list: RunFile[]) => list.some((img) => img.levels[0] === sub);
    if (!has(images)) notes.push(`${sub} has no runs (no *_bold.nii[.gz] or *_timeseries.tsv|.csv under its func/ folders); it is left out`);
    else if (!has(wanted)) notes.push(`${sub} has no runs in space "${options.space}"; it is left out`);
  }
  const byRun = new Map<string, RunFile[]>();
  for (const img of wanted) {
    const key = [...img.entities].filter(([k]) => !DERIVATIVE_ENTITIES.has(k)).map(([k, v]) => `${k}-${v}`).join('_');
    byRun.set(key, [...(byRun.get(key) ?? []), img]);
  }
  if (byRun.size === 0) {
    const expected = `files named sub-<label>[_ses-<label>]_task-<label>[_run-<index>][_space-…][_desc-…]_bold.nii[.gz] (or _timeseries.tsv) under sub-*/[ses-*/]func/${options.space ? ` in space "${options.space}"` : ''}`;
    throw new StudyError('STUDY_NO_RUNS', root, 'runs', images.length ? `${images.length} in other spaces` : 'none', expected);
  }

  const runs: RunSpec[] = [];
  for (const [key, group] of [...byRun].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (group.length > 1) {
      const spaces = [...new Set(group.map((g) => g.entities.get('space') ?? '(none)'))];
      throw new StudyError('STUDY_AMBIGUOUS_RUN', path.dirname(group[0].file), key, group.map((g) => path.basename(g.file)),
        `one bold image or time-series table per run; choose with the space option (${spaces.join(', ')}), point at the derivatives folder, or list runs in a manifest`);
    }
    runs.push(await describeRun(group[0], roots));
  }
  await refuseDuplicateRuns(runs, root);
  return { runs, notes };
}

interface RunFile {
  file: string;
  format: RunFormat;
  entities: Map<string, string>;
  /** Folders relative to a dataset root: [sub, ses?]. */
  levels: string[];
}

async function findRunFiles(root: string): Promise<{ images: RunFile[]; subjects: string[]; notes: string[] }> {
  const images: RunFile[] = [];
  const notes: string[] = [];
  // Real path → the folder first walked there: a link back to a folder walked already (a loop,
  // or two subjects sharing one folder) would read the same runs twice.
  const walked = new Map<string, string>();
  const walk = async (folder: string) => {
    const real = await realpath(folder);
    const first = walked.get(real);
    if (first !== undefined) {
      throw new StudyError('STUDY_DUPLICATE_FOLDER', folder, 'real path', real, `a folder of its own (it is ${first} again, through a symbolic link)`);
    }
    walked.set(real, folder);
  };
  const subjects = await studyFolders(root, root, 'sub', notes);
  for (const sub of subjects) {
    await walk(path.join(root, sub));
    const sessions = await studyFolders(root, path.join(root, sub), 'ses', notes);
    for (const levels of [[sub], ...sessions.map((ses) => [sub, ses])]) {
      if (levels.length > 1) await walk(path.join(root, ...levels));
      const func = path.join(root, ...levels, 'func');
      const names = await filesIn(func);
      if (names.length > 0) await walk(func);
      for (const name of names) {
        const kind = ENDINGS.find((e) => name.endsWith(e.ending));
        if (!kind) continue;
        const file = path.join(func, name);
        const entities = parseEntities(name, kind.ending);
        if (kind.format === 'table' && /confounds/i.test(entities?.get('desc') ?? '')) continue;
        const expectSub = sub.slice(4);
        const expectSes = levels[1]?.slice(4);
        if (!entities || entities.get('sub') !== expectSub || entities.get('ses') !== expectSes || !entities.has('task')) {
          const expected = `sub-${expectSub}${expectSes ? `_ses-${expectSes}` : ''}_task-<label>[_<key>-<value>…]${kind.ending} (subject and session as the folders say)`;
          throw new StudyError('STUDY_BIDS_NAME', file, 'file name', name, expected);
        }
        images.push({ file, format: kind.format, entities, levels });
      }
    }
  }
  return { images, subjects, notes };
}

async function describeRun(img: RunFile, roots: string[]): Promise<RunSpec> {
  // Most specific first: func, session, subject, top level; this tree before the raw one.
  const depths = [[...img.levels, 'func'], ...img.levels.map((_, i) => img.levels.slice(0, img.levels.length - i)), []];
  const folders = depths.flatMap((rel) => roots.map((r) => path.join(r, ...rel)));
  const sidecars: string[] = [];
  for (const ending of TR_SIDECARS[img.format]) sidecars.push(...(await findInherited(folders, img.entities, ending)));
  let tr: number | null = null;
  let trSource: string | null = null;
  for (const json of sidecars) {
    tr = await readRepetitionTime(json);
    if (tr !== null) {
      trSource = json;
      break;
    }
  }
  const [events = null] = await findInherited(folders, img.entities, '_events.tsv');
  const e = img.entities;
  return {
    file: img.file, format: img.format, subject: e.get('sub')!, session: e.get('ses') ?? null, task: e.get('task')!,
    run: e.get('run') ?? null, events, tr, trSource,
  };
}

/** `<prefix>-<label>` folders in `dir` (links followed); other entries so named are noted as skipped. */
async function studyFolders(root: string, dir: string, prefix: 'sub' | 'ses', notes: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await listFolder(dir)) {
    if (!entry.name.startsWith(`${prefix}-`)) continue;
    const where = path.relative(root, path.join(dir, entry.name));
    const kind = await entryKind(dir, entry);
    if (kind !== 'folder') {
      if (!REPORT.test(entry.name)) notes.push(`skipped ${where}: not a folder`);
    } else if (!LABEL.test(entry.name.slice(prefix.length + 1))) {
      notes.push(`skipped ${where}: the label "${entry.name.slice(prefix.length + 1)}" is not letters and digits only, as BIDS labels must be`);
    } else {
      found.push(entry.name);
    }
  }
  return found.sort();
}

async function filesIn(dir: string): Promise<string[]> {
  const entries = await listFolder(dir);
  return entries.filter((d) => d.isFile() || d.isSymbolicLink()).map((d) => d.name).sort();
}
