import path from 'node:path';
import { BUILD_DATASET_DEFAULTS, buildDataset, type StudySource } from '../../app/build-dataset.js';
import { StudyError, UsageError } from '../../errors.js';
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
