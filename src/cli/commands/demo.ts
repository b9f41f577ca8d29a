import { DEMO_DEFAULTS, demoReportFormats, runDemoOp } from '../../app/demo.js';
import { DEMO_TRAINING } from '../../demo/run.js';
import { BACKEND_CHOICES, formatBackendReport, type BackendChoice } from '../../model/backend/index.js';
import { choiceOption, parseCommand } from '../args.js';
import { demoPhaseTitle, formatDemoSummary } from '../format/demo.js';
import type { CliIO } from '../io.js';
import { runResumable } from '../run-resumable.js';

export const demoHelp = `Usage: saliency-studio demo [--out <dir>] [--backend B] [--force]

The whole job on the embedded demo study, end to end: a simulated block-design fMRI study
(8 subjects × 3 tasks on the AAL atlas, 4 mm MNI grid, TR 2 s; each task switches on its own
planted regions) is generated, parcellated with the bundled AAL and cut into 16 s windows
labelled by trial type; an LSTM with input-cell attention and a plain LSTM (hidden
${DEMO_TRAINING.hidden}) are trained on it; gradient saliency of the test windows is computed; a full report
is written for each; and the saliency is scored against the planted regions. Running again
reuses what is done and resumes what was interrupted (Ctrl-C stops at the next batch); a
study, dataset or run in <dir> made with other settings (another version's demo) is refused,
naming each setting that differs.

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
