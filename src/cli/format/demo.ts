import path from 'node:path';
import type { RunDemoResult } from '../../app/demo.js';
import { DEMO_MODELS } from '../../demo/run.js';

/** The demo's final summary for a terminal: each model's accuracy, how well saliency found the planted regions, its report. */
export function formatDemoSummary(result: Pick<RunDemoResult, 'models' | 'out' | 'seconds'>): string {
  const lines = [`Demo study, ${DEMO_MODELS.length} models, ${(result.seconds / 60).toFixed(1)} min (everything under ${result.out})`, ''];
  for (const r of result.models) {
    const { summary, score } = r;
    lines.push(`${r.name}: test accuracy ${(100 * summary.testAccuracy).toFixed(1)} % (${summary.testSamples} windows), ${summary.epochs} epochs, ${summary.wallSeconds.toFixed(0)} s`);
    lines.push(`  planted regions recovered (top-k precision): ${(100 * score.precision).toFixed(0)} % on average`);
    for (const t of score.tasks) lines.push(`    ${t.task.padEnd(9)} ${t.samples ? `${(100 * t.precision).toFixed(0)} %` : 'no test windows'}: top ${t.top.join(', ')}`);
    lines.push(`  top-10 % salient cells in task-ON steps: ${(100 * score.onShare).toFixed(1)} % (chance ${(100 * score.onChance).toFixed(1)} %)`);
    lines.push(`  report: ${path.join(r.reportDir, 'report.html')}`, '');
  }
  return lines.join('\n');
}

/** The bar title of each demo phase, as the CLI has always shown it; the report phase draws none. */
export function demoPhaseTitle({ phase, item }: { phase: string; item?: string }): string | null {
  switch (phase) {
    case 'generate': return 'generating the demo study';
    case 'parcellate': return 'parcellating runs';
    case 'train': return `${item}: training`;
    case 'saliency': return `${item}: saliency`;
    default: return null;
  }
}
