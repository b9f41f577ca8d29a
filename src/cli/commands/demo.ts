import { DEMO_DEFAULTS, demoReportFormats, runDemoOp } from '../../app/demo.js';
import { DEMO_DATASET_OPTIONS, DEMO_SUBJECTS, DEMO_TASKS, DEMO_TR } from '../../demo/index.js';
import { DEMO_TRAINING } from '../../demo/run.js';
import { BACKEND_CHOICES, formatBackendReport, type BackendChoice } from '../../model/backend/index.js';
import { choiceOption, parseCommand } from '../args.js';
import { demoPhaseTitle, formatDemoSummary } from '../format/demo.js';
import type { CliIO } from '../io.js';
import { runResumable } from '../run-resumable.js';

export const demoHelp = `Usage: saliency-studio demo [--out <dir>] [--backend B] [--force]

The whole job on the embedded demo study, end to end, asking the paper's fMRI question (which
task is the subject doing, and when did it matter?): a simulated block-design fMRI study
(${DEMO_SUBJECTS.length} subjects × ${DEMO_TASKS.length} tasks on the AAL atlas, 4 mm MNI grid, TR ${DEMO_TR} s; each task switches on its
own planted regions in blocks) is generated, parcellated with the bundled AAL and cut into
${DEMO_DATASET_OPTIONS.window * DEMO_TR} s windows labelled by the run's task, each holding blocks and rests; an LSTM with
input-cell attention and a plain LSTM (hidden ${DEMO_TRAINING.hidden}) are trained on it; gradient saliency of
the test windows is computed, with the masked-accuracy drop and the randomisation check; a
full report is written for each; and both are scored side by side against the ground truth:
test accuracy, planted regions in the top k, the share of the top 10/20/30 % salient cells in
task-ON steps against chance, the share of saliency in the last 10 % of steps (where a plain
LSTM's saliency vanishes to), and accuracy with the most salient cells masked against as many
random cells. Running again reuses what is done and resumes what was interrupted (Ctrl-C
stops at the next batch); a study, dataset or run in <dir> made with other settings (another
version's demo) is refused, naming each setting that differs.

Options:
  --out <dir>    where everything goes (default ./${DEMO_DEFAULTS.out})
  --backend B    ${BACKEND_CHOICES.join(' | ')} (default auto)
  --force        start over: regenerate the study and dataset and retrain both models
`;

export async function demoCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommand('demo', argv, { out: { type: 'string' }, backend: { type: 'string' }, force: { type: 'boolean' } });
  if (values.help) {
    io.out(demoHelp);
    return 0;
  }
  const backend = choiceOption<BackendChoice>('demo', 'backend', values.backend, BACKEND_CHOICES, DEMO_DEFAULTS.backend);
  const { formats, pdf } = demoReportFormats();
  const result = await runResumable(io.err, demoPhaseTitle, (ctx) => runDemoOp({ out: values.out ?? DEMO_DEFAULTS.out, backend, formats, force: values.force === true }, {
    ...ctx,
    onBackend: (report) => {
      io.err.write(`${formatBackendReport(report)}\n`);
      if (!pdf) io.err.write('no Chromium found: the report is written without its PDF (install chromium, or set CHROMIUM_PATH)\n');
    },
  }));
  if (result === null) return 130;
  io.out(formatDemoSummary(result));
  return 0;
}
