import path from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import type { ReportContext, ReportFormat } from './context.js';
import { writeNiftiMaps } from './nifti-maps.js';
import { saliencyIndex, saliencyNpy } from './npy.js';
import { regionByTimeTable } from './region-by-time.js';
import { regionsTable } from './regions-table.js';

/** Writes one format's files into `dir` and returns their names. */
export type FormatWriter = (ctx: ReportContext, dir: string) => Promise<string[]>;

/** Writes named texts/bytes into `dir`, each atomically. */
async function writeAll(dir: string, files: Record<string, string | Uint8Array>): Promise<string[]> {
  for (const [name, data] of Object.entries(files)) await writeFileAtomic(path.join(dir, name), data);
  return Object.keys(files);
}

/** The HTML/PDF writers live in ./html, loaded on demand: they pull in ECharts and a browser. */
const htmlModule = () => import('./html/index.js');

/** Every format's writer. */
export const FORMAT_WRITERS: Record<ReportFormat, FormatWriter> = {
  tsv: (ctx, dir) => writeAll(dir, { 'regions.tsv': regionsTable(ctx, '\t'), 'region_by_time.tsv': regionByTimeTable(ctx, '\t') }),
  csv: (ctx, dir) => writeAll(dir, { 'regions.csv': regionsTable(ctx, ','), 'region_by_time.csv': regionByTimeTable(ctx, ',') }),
  nifti: writeNiftiMaps,
  npy: (ctx, dir) => writeAll(dir, { 'saliency.npy': saliencyNpy(ctx), 'saliency_index.json': JSON.stringify(saliencyIndex(ctx), null, 1) + '\n' }),
  json: (ctx, dir) => writeAll(dir, { 'provenance.json': JSON.stringify(ctx.provenance, null, 2) + '\n' }),
  html: async (ctx, dir) => (await htmlModule()).writeHtmlReport(ctx, dir),
  pdf: async (ctx, dir) => (await htmlModule()).writePdfReport(ctx, dir),
};
