import type { Box } from './boxes.js';
import type { SynthDataset } from './generate.js';

/** A few lines describing a synthetic dataset: size, class balance per split, boxes. */
export function formatSynthSummary({ dataset, info }: SynthDataset): string {
  const counts = (split: 'train' | 'test') => {
    const of = dataset.samples.filter((s) => s.split === split);
    const perClass = info.classes.map((c, k) => `${c}: ${of.filter((s) => s.label === k).length}`).join(', ');
    return `${split} ${of.length} (${perClass})`;
  };
  const sets = info.boxSets.map((set) => set.map(formatBox).join(' + '));
  return [
    `Synthetic dataset "${info.name}", seed ${info.seed}: ${dataset.samples.length} samples of ${info.steps} time steps × ${info.features} features`,
    `Samples: ${counts('train')}, ${counts('test')}`,
    `Signal: N(label, 1) inside the box${sets.length > 1 ? `, one of ${sets.length} per sample` : ''}, N(0, 1) elsewhere`,
    ...sets.map((s) => `  ${s}`),
  ].join('\n') + '\n';
}

/** `t0–30 × f10–90` (ends exclusive). */
export function formatBox(b: Box): string {
  return `t${b.t[0]}–${b.t[1]} × f${b.f[0]}–${b.f[1]}`;
}
