import type { StudySummary } from '../../study/index.js';

/** Plain-text report of a summary, a few lines per topic, for the terminal. */
export function formatStudySummary(s: StudySummary): string {
  const lines = [
    `Subjects: ${s.subjects.length} (train ${s.splitSubjects.train.length}, validation ${s.splitSubjects.validation.length}, test ${s.splitSubjects.test.length})`,
    `Runs: ${s.runs.used} used of ${s.runs.total} (parcellated ${s.parcellation.parcellated}, from cache ${s.parcellation.fromCache}, imported ${s.parcellation.imported})`,
    `Tasks: ${s.tasks.join(', ')}`,
    `TR: ${s.tr} s; window ${s.window} volumes (${round(s.window * s.tr)} s), stride ${s.stride}${s.labelBy === 'trial_type' ? `, shift ${s.shiftSeconds} s` : ''}`,
    `Regions: ${s.regions} kept, ${s.droppedRegions.length} dropped`,
    ...s.droppedRegions.map((r) => `  dropped ${r.label ?? ''}${r.label === null ? '' : ' '}${r.name}: ${r.reason}`),
    `Windows by ${s.labelBy}: ${s.windows.total} (train ${s.windows.train}, validation ${s.windows.validation}, test ${s.windows.test})`,
    ...s.classes.map((c) => {
      const n = s.windowsPerClass[c];
      return `  ${c}: ${n.total} (train ${n.train}, validation ${n.validation}, test ${n.test})`;
    }),
  ];
  if (s.labelBy === 'trial_type') {
    lines.push(`Windows dropped: ${s.droppedWindows.noEvent} with no event, ${s.droppedWindows.noMajority} with no trial_type covering more than half`);
    if (s.skippedEventRows) lines.push(`Event rows ignored (trial_type n/a or empty): ${s.skippedEventRows}`);
  }
  if (s.cleaning) lines.push(...cleaningLines(s.cleaning));
  for (const r of s.runsWithoutWindows) lines.push(`No windows from ${r.run}: ${r.reason}`);
  for (const w of s.warnings) lines.push(`Warning: ${w}`);
  return lines.join('\n') + '\n';
}

const CENSOR_REASONS = ['non_steady_state', 'fd', 'dvars', 'segment'] as const;

/** What cleaning removed (confound columns) and censored (volumes, and the windows they cost). */
function cleaningLines(c: NonNullable<StudySummary['cleaning']>): string[] {
  const censored = c.runs.reduce((n, r) => n + r.censored.length, 0);
  const lost = c.runs.reduce((n, r) => n + r.windowsLost, 0);
  const columns = [...new Set(c.runs.map((r) => r.confounds))].join(' or ');
  const lines = [
    `Cleaning: ${c.preset ? `preset ${c.preset}, ${columns} confound columns regressed out per run` : 'no confounds (filters / detrending only)'}`,
    `Censored: ${censored} volumes in ${c.runs.filter((r) => r.censored.length > 0).length} of ${c.runs.length} runs; ${lost} windows not built (they overlap a censored volume)`,
  ];
  for (const r of c.runs) {
    if (r.censored.length === 0) continue;
    const reasons = CENSOR_REASONS.map((k) => [k, r.censored.filter((v) => v.reason === k).length] as const).filter(([, n]) => n > 0);
    lines.push(`  ${r.run}: ${r.censored.length} censored (${reasons.map(([k, n]) => `${k} ${n}`).join(', ')}), ${r.windowsLost} windows lost`);
  }
  return lines;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
