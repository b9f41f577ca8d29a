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
  for (const r of s.runsWithoutWindows) lines.push(`No windows from ${r.run}: ${r.reason}`);
  for (const w of s.warnings) lines.push(`Warning: ${w}`);
  return lines.join('\n') + '\n';
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
