import path from 'node:path';
import { BUILD_DATASET_DEFAULTS, buildDataset, type StudySource } from '../../app/build-dataset.js';
import { StudyError, UsageError } from '../../errors.js';
import { CLEAN_PRESETS, type CleanSettings } from '../../study/clean-run.js';
import type { PresetOverrides } from '../../study/confounds/index.js';
import { checkSplitFractions } from '../../study/index.js';
import { choiceOption, intOption, numberOption, parseCommand, requiredOption } from '../args.js';
import { atlasChoice } from '../atlas-option.js';
import { formatStudySummary } from '../format/study.js';
import type { CliIO } from '../io.js';
import { createProgress } from '../progress.js';

export const studyHelp = `Usage: saliency-studio study <dir> [options] --out <dir>
       saliency-studio study --manifest <file.tsv> [options] --out <dir>

Assembles a study into a labelled dataset of region time-series windows, split by subject.
<dir> is a BIDS-style folder (sub-*/[ses-*/]func/*_task-*[_run-*]_bold.nii[.gz], fMRIPrep
names too) or holds already-parcellated *_timeseries.tsv/.csv tables in the same layout.
A manifest is a TSV with columns file, subject, task (optional session, run, events, tr;
tr gives the repetition time of already-parcellated tables).

Options:
  --window N         window length in volumes (default 10)
  --stride N         step between window starts in volumes (default 5)
  --label WHAT       task: label each window by its run's task (default)
                     trial_type: by the events.tsv condition covering most of the window
  --shift S          hemodynamic delay in seconds added to event onsets (default 0)
  --no-zscore        keep raw region means (default: z-score each region per run)
  --split A,B,C      train,validation,test fractions of subjects (default 0.6,0.2,0.2);
                     train and test need subjects, validation may be 0
  --seed N           seed of the subject split (default 0)
  --atlas <labels>   label image (default: the bundled AAL atlas)
  --names <file>     region names for --atlas (default: <labels>.txt beside it if present)
  --allow-unnamed    accept a names file that leaves labels unnamed (they are named by number)
  --space NAME       fMRIPrep space to use when several are present
  --cache <dir>      parcellation cache (default: <out>/parcellations); runs are parcellated once
  --out <dir>        where dataset.json and dataset.f32 are written

Denoising (nilearn's signal.clean, run per run before the z-score; default: none):
  --clean PRESET     fMRIPrep confound strategy, as nilearn's load_confounds_strategy:
                     simple     motion (24), white matter + CSF, fMRIPrep's cosines
                     scrubbing  as simple (WM/CSF with expansions) + censoring of volumes
                                with FD > 0.5 mm or std DVARS > 1.5, then segments < 5 volumes
                     compcor    motion (24), anatomical CompCor, fMRIPrep's cosines
                     each run needs its *_desc-confounds_timeseries.tsv (+ .json) beside it;
                     non-steady-state volumes are always censored. Windows overlapping a
                     censored volume are not built (the summary counts them per run)
  --clean-where-available  with --clean, a run without a confounds table is cleaned by
                     the filters alone (the summary warns, naming it) instead of
                     failing the build
  --confounds K=V,…  override a preset's parameters: motion, wm_csf, global_signal
                     (basic|power2|derivatives|full), compcor, n_compcor, demean,
                     high_pass=false to leave out fMRIPrep's cosines (default: the preset's)
  --scrub fd=MM,dvars=X  scrubbing thresholds (default fd=0.5,dvars=1.5)
  --detrend          remove each region's mean and linear trend (default when cleaning)
  --no-detrend       do not
  --high-pass HZ     Butterworth high-pass cut-off in Hz (default: none)
  --low-pass HZ      Butterworth low-pass cut-off in Hz (default: none)
  --standardize HOW  cleaning's own standardisation: zscore_sample (default when cleaning),
                     psc (percent signal change) or none; the per-run z-score (--no-zscore)
                     still follows
  Any of these options turns cleaning on; without --clean no confounds are read.
`;

export async function studyCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommand('study', argv, {
    window: { type: 'string' },
    stride: { type: 'string' },
    label: { type: 'string' },
    shift: { type: 'string' },
    'no-zscore': { type: 'boolean' },
    split: { type: 'string' },
    seed: { type: 'string' },
    atlas: { type: 'string' },
    names: { type: 'string' },
    'allow-unnamed': { type: 'boolean' },
    space: { type: 'string' },
    manifest: { type: 'string' },
    cache: { type: 'string' },
    out: { type: 'string' },
    clean: { type: 'string' },
    confounds: { type: 'string' },
    scrub: { type: 'string' },
    detrend: { type: 'boolean' },
    'no-detrend': { type: 'boolean' },
    'high-pass': { type: 'string' },
    'low-pass': { type: 'string' },
    standardize: { type: 'string' },
    'clean-where-available': { type: 'boolean' },
  });
  if (values.help) {
    io.out(studyHelp);
    return 0;
  }
  const out = requiredOption('study', 'out', values.out);
  const input = studyInput(positionals, values.manifest, values.space);
  const d = BUILD_DATASET_DEFAULTS;
  const progress = createProgress('parcellating runs', io.err);
  const { summary } = await buildDataset({
    input, atlas: atlasChoice(values), out,
    window: intOption('study', 'window', values.window, d.window),
    stride: intOption('study', 'stride', values.stride, d.stride),
    labelBy: choiceOption('study', 'label', values.label, ['task', 'trial_type'] as const, d.labelBy),
    shiftSeconds: numberOption('study', 'shift', values.shift, d.shiftSeconds),
    zscore: !values['no-zscore'],
    split: splitOption(values.split),
    seed: intOption('study', 'seed', values.seed, d.seed, 0),
    cacheDir: values.cache,
    clean: cleanOption(values),
  }, {
    onProgress: ({ phase, done, total, item }) => {
      if (phase === 'runs') progress.update(done, total, item ? path.basename(item) : '');
    },
  });
  progress.done();
  io.out(formatStudySummary(summary));
  io.out(`dataset written to ${out}\n`);
  return 0;
}

function studyInput(positionals: string[], manifest: string | undefined, space: string | undefined): StudySource {
  if (manifest && positionals.length === 0) return { manifest };
  if (!manifest && positionals.length === 1) return { dir: positionals[0], space };
  throw new UsageError('CLI_ARGS', 'study', '<dir>', positionals.length === 0 ? 'missing' : positionals, 'one study folder, or --manifest <file> instead');
}

/** The cleaning asked for on the command line; undefined when no cleaning option was given. */
function cleanOption(v: Record<string, string | boolean | undefined>): CleanSettings | undefined {
  const given = ['clean', 'confounds', 'scrub', 'detrend', 'no-detrend', 'high-pass', 'low-pass', 'standardize', 'clean-where-available'].filter((k) => v[k] !== undefined);
  if (given.length === 0) return undefined;
  if (v.detrend && v['no-detrend']) throw new UsageError('CLI_ARGS', 'study', '--detrend', '--no-detrend too', 'one of --detrend and --no-detrend');
  const str = (k: string) => v[k] as string | undefined;
  const preset = str('clean') === undefined ? undefined : choiceOption('study', 'clean', str('clean'), CLEAN_PRESETS, 'simple');
  if (preset === undefined && (v.confounds !== undefined || v.scrub !== undefined)) {
    throw new UsageError('CLI_ARGS', 'study', v.confounds !== undefined ? '--confounds' : '--scrub', str('confounds') ?? str('scrub'), `--clean ${CLEAN_PRESETS.join('|')} too (they change a preset)`);
  }
  if (preset === undefined && v['clean-where-available']) {
    throw new UsageError('CLI_ARGS', 'study', '--clean-where-available', true, `--clean ${CLEAN_PRESETS.join('|')} too (it says which runs the preset may skip)`);
  }
  const standardize = choiceOption('study', 'standardize', str('standardize'), ['zscore_sample', 'psc', 'none'] as const, 'zscore_sample');
  const hz = (k: string) => (str(k) === undefined ? undefined : numberOption('study', k, str(k), 0, { above: 0 }));
  const scrub = str('scrub') === undefined ? undefined : keyValues('--scrub', str('scrub')!, ['fd', 'dvars']);
  for (const [k, x] of Object.entries(scrub ?? {})) {
    if (typeof x !== 'number' || !(x > 0)) throw new UsageError('CLI_ARGS', 'study', '--scrub', `${k}=${x}`, 'a threshold > 0');
  }
  const settings: CleanSettings = {
    preset,
    detrend: v['no-detrend'] ? false : v.detrend ? true : undefined,
    standardize: standardize === 'none' ? null : standardize,
    highPass: hz('high-pass'), lowPass: hz('low-pass'),
    confounds: str('confounds') === undefined ? undefined
      : keyValues('--confounds', str('confounds')!, ['motion', 'wm_csf', 'global_signal', 'compcor', 'n_compcor', 'demean', 'high_pass']) as PresetOverrides,
    scrub: scrub as CleanSettings['scrub'],
    whereAvailable: v['clean-where-available'] ? true : undefined,
  };
  return Object.fromEntries(Object.entries(settings).filter(([, x]) => x !== undefined)) as CleanSettings;
}

/** `k=v,k=v` with keys from `keys`; a value reads as a number or true/false where it is one. */
function keyValues(option: string, value: string, keys: readonly string[]): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    if (eq < 0 || !keys.includes(key) || raw === '') {
      throw new UsageError('CLI_ARGS', 'study', option, part, `key=value pairs joined by commas, keys: ${keys.join(', ')}`);
    }
    out[key] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

function splitOption(value: string | undefined) {
  if (value === undefined) return undefined;
  const parts = value.split(',').map(Number);
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x) || x < 0)) {
    throw new UsageError('CLI_ARGS', 'study', '--split', value, 'three non-negative numbers: train,validation,test');
  }
  const fractions = { train: parts[0], validation: parts[1], test: parts[2] };
  try {
    checkSplitFractions(fractions);
  } catch (err) {
    // Same rule as the library's, worded for the option that was typed.
    if (err instanceof StudyError) throw new UsageError('CLI_ARGS', 'study', '--split', value, err.expected);
    throw err;
  }
  return fractions;
}
