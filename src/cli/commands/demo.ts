import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO_MODELS, DEMO_TRAINING, runDemo, type DemoModelResult } from '../../demo/run.js';
import { BACKEND_CHOICES, formatBackendReport, selectBackend, type BackendChoice } from '../../model/backend/index.js';
import { findChromium } from '../../report/html/chromium.js';
import type { ReportFormat } from '../../report/index.js';
import { isCancelled } from '../../util/cancel.js';
import { choiceOption, parseCommand } from '../args.js';
import { cancelOnInterrupt } from '../interrupt.js';
import type { CliIO } from '../io.js';
import { createProgress } from '../progress.js';

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
  --out <dir>    where everything goes (default ./saliency-studio-demo)
  --backend B    ${BACKEND_CHOICES.join(' | ')} (default auto)
  --force        start over: regenerate the study and dataset and retrain both models
`;

export async function demoCommand(argv: string[], io: CliIO): Promise<number> {
  const { values } = parseCommand('demo', argv, { out: { type: 'string' }, backend: { type: 'string' }, force: { type: 'boolean' } });
  if (values.help) {
    io.out(demoHelp);
    return 0;
  }
  const out = path.resolve(values.out ?? 'saliency-studio-demo');
  const backend = await selectBackend(choiceOption<BackendChoice>('demo', 'backend', values.backend, BACKEND_CHOICES, 'auto'));
  io.err.write(`${formatBackendReport(backend)}\n`);
  const chromium = findChromium();
  const formats: ReportFormat[] = ['tsv', 'nifti', 'npy', 'json', 'html', ...(chromium ? ['pdf' as const] : [])];
  if (!chromium) io.err.write('no Chromium found: the report is written without its PDF (install chromium, or set CHROMIUM_PATH)\n');
  const { signal, stop } = cancelOnInterrupt(io.err, 'stopping at the next batch; run the same command again to resume');
  const start = performance.now();
  let results;
  try {
    results = await runDemo(out, backend, formats, { stage: (label) => createProgress(label, io.err), signal }, { force: values.force === true });
  } catch (err) {
    if (isCancelled(err)) return 130;
    throw err;
  } finally {
    stop();
  }
  io.out(formatDemoSummary(results, out, (performance.now() - start) / 1000));
  return 0;
}

function formatDemoSummary(results: DemoModelResult[], out: string, seconds: number): string {
  const lines = [`Demo study, ${DEMO_MODELS.length} models, ${(seconds / 60).toFixed(1)} min (everything under ${out})`, ''];
  for (const r of results) {
    const { summary, score } = r;
    lines.push(`${r.name}: test accuracy ${(100 * summary.testAccuracy).toFixed(1)} % (${summary.testSamples} windows), ${summary.epochs} epochs, ${summary.wallSeconds.toFixed(0)} s`);
    lines.push(`  planted regions recovered (top-k precision): ${(100 * score.precision).toFixed(0)} % on average`);
    for (const t of score.tasks) lines.push(`    ${t.task.padEnd(9)} ${t.samples ? `${(100 * t.precision).toFixed(0)} %` : 'no test windows'}: top ${t.top.join(', ')}`);
    lines.push(`  top-10 % salient cells in task-ON steps: ${(100 * score.onShare).toFixed(1)} % (chance ${(100 * score.onChance).toFixed(1)} %)`);
    lines.push(`  report: ${path.join(r.reportDir, 'report.html')}`, '');
  }
  return lines.join('\n');
}
