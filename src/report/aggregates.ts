import { regionImportance, temporalProfile, topCellShare, topRegionsPerStep } from '../saliency/aggregate/index.js';
import type { SaliencyMaps } from '../saliency/types.js';
import type { ClassImportance, ReportAggregates, ReportInputs } from './context.js';

/** Share of each sample's cells counted as its top-salient ones. */
export const TOP_CELL_FRACTION = 0.1;
const TOP_K = 5;

/** Every summary of the maps that the report's outputs show. */
export function computeAggregates(inputs: Pick<ReportInputs, 'saliency' | 'classes' | 'samples' | 'onSteps'>): ReportAggregates {
  const maps = inputs.saliency.maps;
  const topRegions = topRegionsPerStep(maps, Math.min(TOP_K, maps.features));
  return {
    importance: regionImportance(maps),
    classImportance: inputs.classes.map((name, label) => classImportance(maps, inputs.samples.map((s) => s.label), label, name)),
    regionByTime: transpose(topRegions.meanAbs, maps.time, maps.features),
    temporal: temporalProfile(maps),
    topRegions,
    topCellShare: inputs.onSteps ? topCellShare(maps, inputs.onSteps.steps, { q: TOP_CELL_FRACTION }) : null,
    topCellShareByRegion: inputs.onSteps ? shareByRegion(maps, inputs.onSteps.steps) : null,
  };
}

/** Region importance over the samples whose true class is `label`; NaN when none has a non-zero map. */
function classImportance(maps: SaliencyMaps, labels: number[], label: number, name: string): ClassImportance {
  const cells = maps.time * maps.features;
  const rows = labels.flatMap((l, n) => (l === label && maps.data.subarray(n * cells, (n + 1) * cells).some((v) => v !== 0) ? [n] : []));
  if (rows.length === 0) return { label, name, count: 0, mean: new Float64Array(maps.features).fill(NaN) };
  const data = new Float32Array(rows.length * cells);
  rows.forEach((n, k) => data.set(maps.data.subarray(n * cells, (n + 1) * cells), k * cells));
  const { mean } = regionImportance({ data, samples: rows.length, time: maps.time, features: maps.features });
  return { label, name, count: rows.length, mean };
}

/** topCellShare of each region's own [samples × time] map: when, within the window, that region is salient. */
function shareByRegion(maps: SaliencyMaps, onSteps: Uint8Array): Float64Array {
  const { samples, time, features } = maps;
  return Float64Array.from({ length: features }, (_, r) => {
    const data = new Float32Array(samples * time);
    for (let row = 0; row < samples * time; row++) data[row] = maps.data[row * features + r];
    return topCellShare({ data, samples, time, features: 1 }, onSteps, { q: TOP_CELL_FRACTION }).mean;
  });
}

/** [rows × cols] → [cols × rows]. */
function transpose(m: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(m.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = m[r * cols + c];
  return out;
}
