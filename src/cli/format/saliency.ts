import path from 'node:path';
import { regionImportance, temporalProfile } from '../../saliency/aggregate/index.js';
import type { StoredMaskedAccuracy } from '../../saliency/faithfulness.js';
import type { GroundTruthScores } from '../../saliency/ground-truth.js';
import type { StoredSaliency } from '../../saliency/store.js';

const TOP_REGIONS = 10;
const TIME_BINS = 10;

/**
 * What `saliency` prints: the method and samples, the ten most important regions (share of
 * saliency, mean ± sd over samples), where in time saliency lies, and, on synthetic data, how
 * well it matches the planted boxes.
 */
export function formatSaliencySummary({ index, maps }: StoredSaliency, truth: GroundTruthScores | null, out: string): string {
  const correct = index.samples.filter((s) => s.predicted === s.label).length;
  const lines = [
    `Saliency ${index.method} of ${index.samples.length} ${index.samplesFrom} samples (${maps.time} steps × ${maps.features} regions), ${index.seconds.toFixed(1)} s on ${index.backend}`,
    `Model accuracy on these samples: ${((100 * correct) / Math.max(index.samples.length, 1)).toFixed(1)} %`,
  ];
  const delta = index.samples.filter((s) => s.delta !== undefined).map((s) => Math.abs(s.delta!));
  if (delta.length > 0) lines.push(`IG completeness |delta|: mean ${(delta.reduce((a, b) => a + b, 0) / delta.length).toExponential(2)}, max ${Math.max(...delta).toExponential(2)}`);

  const importance = regionImportance(maps);
  const order = [...importance.rank.keys()].sort((a, b) => importance.rank[a] - importance.rank[b]).slice(0, TOP_REGIONS);
  lines.push('', `Top ${order.length} regions (share of saliency, mean ± sd over samples):`);
  for (const r of order) lines.push(`  ${String(importance.rank[r]).padStart(3)}. ${index.regions[r].padEnd(28)} ${(100 * importance.mean[r]).toFixed(2)} % ± ${(100 * importance.sd[r]).toFixed(2)}`);

  const profile = temporalProfile(maps);
  const total = profile.mean.reduce((a, b) => a + b, 0);
  const bins = Math.min(TIME_BINS, maps.time);
  const shares = Array.from({ length: bins }, (_, b) => {
    const from = Math.floor((b * maps.time) / bins);
    const to = Math.floor(((b + 1) * maps.time) / bins);
    return `t${from}–${to}: ${((100 * profile.mean.slice(from, to).reduce((a, v) => a + v, 0)) / (total || 1)).toFixed(0)} %`;
  });
  lines.push('', `Saliency over time: ${shares.join(', ')}`);
  if (truth) {
    lines.push('', `Against the planted boxes (${truth.samples} samples): weighted Jaccard ${truth.wjac.toFixed(3)}, Euclidean ${truth.euc.toFixed(3)}, AUC ${truth.auc.toFixed(3)}, AUP ${truth.aup.toFixed(3)}, AUR ${truth.aur.toFixed(3)}`);
  }
  if (index.maskedAccuracy) lines.push('', ...maskedAccuracyLines(index.maskedAccuracy));
  lines.push('', `written to ${path.resolve(out)}`);
  return lines.join('\n') + '\n';
}

/** The masked-accuracy drop as a small table: a faithful map loses more accuracy in the salient arm than in the random one. */
export function maskedAccuracyLines(m: StoredMaskedAccuracy): string[] {
  const pc = (v: number) => `${(100 * v).toFixed(1)} %`;
  return [
    `Masked accuracy (top p % salient cells vs as many random cells replaced by N(0, 1) noise, seed ${m.seed}; unmasked ${pc(m.baseline)}):`,
    `  ${'p'.padStart(7)}  ${'salient'.padStart(8)}  ${'random'.padStart(8)}  ${'drop salient'.padStart(12)}  ${'drop random'.padStart(12)}  cells/sample`,
    ...m.ps.map((p, j) => `  ${pc(p).padStart(7)}  ${pc(m.salient[j]).padStart(8)}  ${pc(m.random[j]).padStart(8)}  ${pc(m.baseline - m.salient[j]).padStart(12)}  ${pc(m.baseline - m.random[j]).padStart(12)}  ${m.meanReplaced[j].toFixed(1).padStart(12)}`),
  ];
}
