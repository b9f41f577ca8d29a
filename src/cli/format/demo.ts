import path from 'node:path';
import type { RunDemoResult } from '../../app/demo.js';
import { DEMO_MODELS, type DemoModelResult } from '../../demo/run.js';

const pct = (v: number, digits = 1) => (Number.isFinite(v) ? `${(100 * v).toFixed(digits)} %` : 'n/a');

/**
 * The demo's final summary for a terminal: the two models side by side on the paper's fMRI
 * measures (accuracy, planted regions found, when the salient cells fall, the vanishing
 * signature, masked accuracy against random cells), then each model's top regions and report.
 */
export function formatDemoSummary(result: Pick<RunDemoResult, 'models' | 'out' | 'seconds'>): string {
  const { models } = result;
  const lines = [`Demo study, ${DEMO_MODELS.length} models, ${(result.seconds / 60).toFixed(1)} min (everything under ${result.out})`, ''];
  const rows: [string, ...string[]][] = [['', ...models.map((m) => m.name)]];
  const row = (label: string, cell: (m: DemoModelResult) => string) => rows.push([label, ...models.map(cell)]);
  row('test accuracy', (m) => `${pct(m.summary.testAccuracy)} (${m.summary.testSamples} windows)`);
  row('planted regions in top k (precision@k)', (m) => pct(m.score.precision, 0));
  for (const [k, t] of (models[0]?.score.tasks ?? []).entries()) row(`  ${t.task}`, (m) => (m.score.tasks[k]?.samples ? pct(m.score.tasks[k].precision, 0) : 'no test windows'));
  const chance = models[0]?.score.onChance ?? NaN;
  for (const [k, { q }] of (models[0]?.score.onShares ?? []).entries()) {
    row(`top ${pct(q, 0)} cells in task-ON steps (chance ${pct(chance, 0)})`, (m) => pct(m.score.onShares[k]?.share ?? NaN));
  }
  const last = models[0]?.score.lastSteps;
  if (last) row(`saliency in the last ${last.steps} of ${Math.round(last.steps / last.chance)} steps (flat: ${pct(last.chance, 0)})`, (m) => pct(m.score.lastSteps.mean));
  const masked = models[0]?.score.maskedAccuracy;
  if (masked) {
    for (const [k, p] of masked.ps.entries()) {
      row(`accuracy, ${pct(p, 0)} cells masked: salient / random`, (m) => {
        const a = m.score.maskedAccuracy;
        return a ? `${pct(a.salient[k])} / ${pct(a.random[k])}` : 'n/a';
      });
    }
  }
  if (models.some((m) => m.score.randomisation)) {
    row('randomisation check: mean |ρ| once all is random', (m) => {
      const r = m.score.randomisation;
      const last = r?.stages.at(-1)?.meanAbs;
      return r && last != null ? `${last.toFixed(2)}, ${r.verdict}` : 'n/a';
    });
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) lines.push(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ').trimEnd());
  lines.push('');
  for (const m of models) {
    const { summary, score } = m;
    lines.push(`${m.name}: test accuracy ${pct(summary.testAccuracy)} (${summary.testSamples} windows), ${summary.epochs} epochs, ${summary.wallSeconds.toFixed(0)} s`);
    lines.push(`  planted regions recovered (top-k precision): ${pct(score.precision, 0)} on average`);
    for (const t of score.tasks) lines.push(`    ${t.task.padEnd(9)} ${t.samples ? pct(t.precision, 0) : 'no test windows'}: top ${t.top.join(', ')}`);
    lines.push(`  report: ${path.join(m.reportDir, 'report.html')}`, '');
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
