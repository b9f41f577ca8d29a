import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAtlas, parcellate, parcellationTsv, type ParcellationResult } from '../../src/atlas/index.js';
import { shared } from '../helpers/shared-data.js';

// nibabel resample_from_to(order=0) of AAL onto the 4 mm grid, then per-region means.
const BOLD = shared('parcellation', 'sub-01_task-demo_bold.nii.gz');
const AAL = shared('atlases', 'aal.nii.gz');

interface RefRow { label: number; name: string; voxels: number; means: number[] }

function readReference(): { columns: string[]; rows: RefRow[] } {
  const [header, ...lines] = readFileSync(shared('parcellation', 'aal_region_means.tsv'), 'utf8').trim().split('\n');
  const rows = lines.map((line) => {
    const [label, name, voxels, ...means] = line.split('\t');
    return { label: Number(label), name, voxels: Number(voxels), means: means.map((m) => (m === 'n/a' ? NaN : Number(m))) };
  });
  return { columns: header.split('\t'), rows };
}

describe('parcellating the demo run with AAL reproduces nibabel', () => {
  const ref = readReference();
  let result: ParcellationResult;

  beforeAll(async () => {
    result = await parcellate(BOLD, await loadAtlas(AAL, shared('atlases', 'aal.nii.txt')));
  });

  it('keeps every AAL region in label order with its MRIcron name', () => {
    expect(result.regions.map((r) => [r.label, r.name])).toEqual(ref.rows.map((r) => [r.label, r.name]));
  });

  it('counts exactly the voxels nibabel keeps per region on the 4 mm grid', () => {
    expect(result.regions.map((r) => r.voxels)).toEqual(ref.rows.map((r) => r.voxels));
  });

  it('reports as vanished exactly the regions nibabel leaves empty', () => {
    const empty = ref.rows.filter((r) => r.voxels === 0).map((r) => r.label);
    expect(result.vanished.map((r) => r.label)).toEqual(empty);
    expect(result.absent).toEqual([]);
  });

  it('finds no non-finite voxels in the demo run and warns of nothing', () => {
    expect(result.nonFinite).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('matches every region mean at every volume to 1e-4', () => {
    expect(result.volumes).toBe(24);
    expect(result.tr).toBe(2);
    let worst = 0;
    ref.rows.forEach((row, i) => {
      expect(result.means[i].length).toBe(row.means.length);
      row.means.forEach((m, t) => {
        worst = Math.max(worst, Math.abs(result.means[i][t] - m));
      });
    });
    expect(worst).toBeLessThan(1e-4);
  });

  it('writes a TSV with the reference columns and values', () => {
    const [header, ...lines] = parcellationTsv(result).trim().split('\n');
    expect(header.split('\t')).toEqual(ref.columns);
    expect(lines).toHaveLength(ref.rows.length);
    const cells = lines[5].split('\t');
    const row = ref.rows[5];
    expect(cells.slice(0, 3)).toEqual([String(row.label), row.name, String(row.voxels)]);
    cells.slice(3).forEach((c, t) => expect(Number(c)).toBeCloseTo(row.means[t], 5));
  });

  it('finds the MRIcron sidecar when no names file is given', async () => {
    const atlas = await loadAtlas(AAL);
    expect(atlas.namesFile).toBe(shared('atlases', 'aal.nii.txt'));
    expect(atlas.namesFormat).toBe('mricron');
    expect(atlas.regions.map((r) => r.name)).toEqual(ref.rows.map((r) => r.name));
  });
});
