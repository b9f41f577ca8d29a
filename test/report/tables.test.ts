import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultReportSaliencyDir } from '../../src/app/layout.js';
import { computeAggregates } from '../../src/report/aggregates.js';
import type { ReportContext } from '../../src/report/context.js';
import { openReportContext } from '../../src/report/open-context.js';
import { regionByTimeTable, timeColumn } from '../../src/report/region-by-time.js';
import { regionsTable } from '../../src/report/regions-table.js';
import { suiteTempDir } from '../helpers/temp-tree.js';
import { writeKnownRun } from './helpers/known-run.js';
import { pythonFor, runPythonJson } from './helpers/python.js';
import { column, readTable } from './helpers/read-table.js';

const num = (cells: string[]) => cells.map(Number);
const SQRT2 = Math.SQRT2;
let ctx: ReportContext;
let withOn: ReportContext;
let root: string;

beforeAll(async () => {
  root = await suiteTempDir();
  const { runDir } = await writeKnownRun(root);
  ctx = await openReportContext({ runDir, saliencyDir: defaultReportSaliencyDir(runDir) });
  // Sample 0 is ON at step 1, sample 1 at step 0.
  const onSteps = { steps: Uint8Array.from([0, 1, 1, 0]), source: 'events' as const };
  withOn = { ...ctx, onSteps, aggregates: computeAggregates({ ...ctx, onSteps }) };
});

describe('regions table', () => {
  it('holds the hand-computed importance, sd, rank and per-class shares', () => {
    const t = readTable(regionsTable(ctx, '\t'), '\t');
    expect(t.columns).toEqual(['label', 'name', 'importance_mean', 'importance_sd', 'rank', 'importance_motor', 'importance_rest', 'importance_lang, "read"', 'top_cell_share_on']);
    expect(column(t, 'label')).toEqual(['1', '2', '3']);
    expect(column(t, 'name')).toEqual(['Precentral_L', 'Precentral_R', 'Frontal_Sup_L']);
    const expected = { importance_mean: [1 / 2, 1 / 3, 1 / 6], importance_sd: [1 / 3 / SQRT2, 2 / 3 / SQRT2, 1 / 3 / SQRT2], importance_motor: [2 / 3, 0, 1 / 3], importance_rest: [1 / 3, 2 / 3, 0] };
    for (const [name, values] of Object.entries(expected)) num(column(t, name)).forEach((v, i) => expect(v).toBeCloseTo(values[i], 12));
    expect(column(t, 'rank')).toEqual(['1', '2', '3']);
    expect(column(t, 'importance_lang, "read"')).toEqual(['n/a', 'n/a', 'n/a']);
    expect(column(t, 'top_cell_share_on')).toEqual(['n/a', 'n/a', 'n/a']);
  });

  it('gives each region the share of its top steps that are task-ON when ON steps are known', () => {
    // Region 0: sample 0's top step is 1 (ON) → 1; sample 1 ties steps 0 and 1 → 1/2. Regions 1, 2: ties → 1/2.
    const t = readTable(regionsTable(withOn, '\t'), '\t');
    num(column(t, 'top_cell_share_on')).forEach((v, i) => expect(v).toBeCloseTo([0.75, 0.5, 0.5][i], 12));
    // Over all cells: sample 0's top cell (3 at step 1) is ON; sample 1 ties two cells of value 2, one ON.
    expect(withOn.aggregates.topCellShare?.mean).toBeCloseTo(0.75, 12);
    expect(withOn.aggregates.topCellShare?.chance).toBe(0.5);
  });

  it('writes the same table as CSV with the comma-holding class name quoted', () => {
    const text = regionsTable(ctx, ',');
    expect(text.split('\n')[0]).toBe('label,name,importance_mean,importance_sd,rank,importance_motor,importance_rest,"importance_lang, ""read""",top_cell_share_on');
    expect(readTable(text, ',').rows).toEqual(readTable(regionsTable(ctx, '\t'), '\t').rows);
  });

  it('quotes names holding tabs, quotes or commas so they read back unchanged', () => {
    const odd = ['a\tb', '"quoted" name', '#hash, comma'];
    const table = regionsTable({ ...ctx, regions: ctx.regions.map((r, i) => ({ ...r, name: odd[i] })) }, '\t');
    expect(column(readTable(table, '\t'), 'name')).toEqual(odd);
  });
});

describe('region by time table', () => {
  it('holds the mean |saliency| of each region at each step, with volumes and seconds in the header', () => {
    const t = readTable(regionByTimeTable(ctx, '\t'), '\t');
    expect(t.columns).toEqual(['label', 'name', 't0_0s', 't1_2s']);
    expect(t.rows.map((r) => num(r.slice(2)))).toEqual([[1, 2], [1, 1], [0.5, 0.5]]);
  });

  it('names steps by volume and seconds without float noise', () => {
    expect(timeColumn(3, 3 * 0.1)).toBe('t3_0.3s');
    expect(timeColumn(1, 1 / 3)).toBe('t1_0.333333s');
    expect(timeColumn(12, 30)).toBe('t12_30s');
  });
});

const pandas = pythonFor('pandas');

describe.skipIf(!pandas.ok)(`loaded by pandas as is${pandas.skip}`, () => {
  it(`reads regions.tsv, regions.csv and region_by_time.tsv with the right columns, numbers and NaN${pandas.skip}`, async () => {
    const dir = await mkdtemp(path.join(root, 'pandas-'));
    const odd = { ...withOn, regions: withOn.regions.map((r, i) => (i === 0 ? { ...r, name: 'tab\there "q", c' } : r)) };
    await writeFile(path.join(dir, 'regions.tsv'), regionsTable(odd, '\t'));
    await writeFile(path.join(dir, 'regions.csv'), regionsTable(odd, ','));
    await writeFile(path.join(dir, 'rbt.tsv'), regionByTimeTable(ctx, '\t'));
    const script = `
import json, sys, pandas as pd
d = sys.argv[1]
out = {}
for name, sep in [('regions.tsv', '\\t'), ('regions.csv', ',')]:
    t = pd.read_csv(f'{d}/{name}', sep=sep)
    out[name] = {'columns': list(t.columns), 'dtypes': {c: str(t[c].dtype) for c in t.columns}, 'rows': json.loads(t.to_json(orient='values', double_precision=15))}
r = pd.read_csv(f'{d}/rbt.tsv', sep='\\t')
out['rbt'] = {'columns': list(r.columns), 'values': r.iloc[:, 2:].values.tolist()}
print(json.dumps(out))`;
    const got = runPythonJson(script, [dir]) as Record<string, { columns: string[]; dtypes: Record<string, string>; rows: unknown[][]; values: number[][] }>;
    for (const name of ['regions.tsv', 'regions.csv']) {
      const t = got[name];
      expect(t.columns).toEqual(['label', 'name', 'importance_mean', 'importance_sd', 'rank', 'importance_motor', 'importance_rest', 'importance_lang, "read"', 'top_cell_share_on']);
      expect(t.dtypes.label).toBe('int64');
      expect(t.dtypes.rank).toBe('int64');
      expect(t.dtypes.importance_mean).toBe('float64');
      expect(t.dtypes['importance_lang, "read"']).toBe('float64');
      expect(t.rows.map((r) => r[1])).toEqual(['tab\there "q", c', 'Precentral_R', 'Frontal_Sup_L']);
      expect(t.rows.map((r) => r[7])).toEqual([null, null, null]);
      (t.rows.map((r) => r[2]) as number[]).forEach((v, i) => expect(v).toBeCloseTo([1 / 2, 1 / 3, 1 / 6][i], 12));
      (t.rows.map((r) => r[8]) as number[]).forEach((v, i) => expect(v).toBeCloseTo([0.75, 0.5, 0.5][i], 12));
    }
    expect(got.rbt.columns).toEqual(['label', 'name', 't0_0s', 't1_2s']);
    expect(got.rbt.values).toEqual([[1, 2], [1, 1], [0.5, 0.5]]);
  });
});
