import type { Block } from './hrf.js';
import { DEMO_DESIGN, type DemoDesign } from './design.js';

/** `sub-01/func/sub-01_task-motor` — the stem of a run's files, relative to the study. */
export function runStem(subject: string, task: string): string {
  return `sub-${subject}/func/sub-${subject}_task-${task}`;
}

/** A BIDS events table: one row per block, trial_type the task name. */
export function eventsTsv(blocks: readonly Block[], trialType: string): string {
  const rows = blocks.map((b) => `${b.onset.toFixed(1)}\t${b.duration.toFixed(1)}\t${trialType}`);
  return ['onset\tduration\ttrial_type', ...rows].join('\n') + '\n';
}

export function boldJson(task: string, tr: number): string {
  return json({ TaskName: task, RepetitionTime: tr });
}

export function datasetDescription(seed: number): string {
  return json({
    Name: `Saliency Studio demo study (simulated, seed ${seed})`,
    BIDSVersion: '1.9.0',
    DatasetType: 'raw',
    License: 'CC0',
    Authors: ['Saliency Studio'],
    GeneratedBy: [{ Name: 'saliency-studio demo', Description: 'Block-design fMRI simulated on the AAL atlas; see ground_truth.json' }],
  });
}

export function participantsTsv(subjects: readonly string[]): string {
  return ['participant_id', ...subjects.map((s) => `sub-${s}`)].join('\n') + '\n';
}

export function readme(seed: number, design: Pick<DemoDesign, 'tasks' | 'noise' | 'blocks'> = DEMO_DESIGN): string {
  const tasks = design.tasks.map((t) => `- ${t.name} (${t.stimulus}): ${t.regions.join(', ')}`).join('\n');
  return `# Saliency Studio demo study (seed ${seed})

Simulated block-design fMRI, not real data. Each run is one task, which switches on its own
AAL regions in ${design.blocks.onSeconds} s blocks; the block train is convolved with SPM's
canonical double-gamma HRF. Every region carries AR(1) noise (phi ${design.noise.regionPhi})
shared by its voxels, every voxel white noise; the baseline is ${design.noise.baseline} inside
the atlas and 0 outside.

${tasks}

ground_truth.json lists the planted regions (AAL label values and names), every run's ON
blocks in seconds and volumes, its expected response, the HRF and the noise parameters.

Atlas: AAL (Tzourio-Mazoyer et al., NeuroImage 15:273-289, 2002), via MRIcron (BSD-3-Clause).
`;
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
