import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importTimeSeries, parseTimeSeries } from '../../src/study/index.js';
import { tempDir, writeTree } from '../helpers/temp-tree.js';

async function table(name: string, text: string): Promise<string> {
  const dir = await tempDir();
  await writeTree(dir, { [name]: text });
  return path.join(dir, name);
}

describe('time-series table import', () => {
  it('reads one series per region column from CSV, with missing cells as NaN', async () => {
    const file = await table('ts.csv', 'Precentral_L,Precentral_R,Empty\n1.5,2,nan\n-3,4e2,\n0,5,n/a\n');
    const t = await importTimeSeries(file);
    expect(t.names).toEqual(['Precentral_L', 'Precentral_R', 'Empty']);
    expect(t.volumes).toBe(3);
    expect(t.series.map((s) => [...s])).toEqual([[1.5, -3, 0], [2, 400, 5], [NaN, NaN, NaN]]);
  });

  it('reads TSV the same way', async () => {
    const t = await importTimeSeries(await table('ts.tsv', 'a\tb\n1\t2\n3\t4\n'));
    expect(t.series.map((s) => [...s])).toEqual([[1, 3], [2, 4]]);
  });

  it('names line and column of a non-numeric cell', async () => {
    const file = await table('ts.csv', 'a,b\n1,2\n3,oops\n');
    await expect(importTimeSeries(file)).rejects.toMatchObject({ code: 'STUDY_TIMESERIES_VALUE', field: 'line 3, column b', value: 'oops' });
  });

  it('rejects a missing header row, duplicate names, ragged rows and no rows', async () => {
    await expect(importTimeSeries(await table('ts.csv', '1,2\n3,4\n'))).rejects.toMatchObject({ code: 'STUDY_TIMESERIES_HEADER', field: 'header row' });
    await expect(importTimeSeries(await table('ts.csv', 'a,a\n3,4\n'))).rejects.toMatchObject({ code: 'STUDY_TIMESERIES_HEADER', field: 'column 2 name' });
    const ragged = await table('ts.csv', 'a,b\n3\n');
    await expect(importTimeSeries(ragged)).rejects.toMatchObject({ name: 'StudyError', file: ragged });
    await expect(importTimeSeries(await table('ts.csv', 'a,b\n'))).rejects.toMatchObject({ code: 'STUDY_TIMESERIES_EMPTY' });
  });

  it('drops time and index columns, whatever their case, and lists them', async () => {
    const t = await importTimeSeries(await table('ts.tsv', 'Onset\tR1\tTIMEPOINT\tR2\tframe\n0\t1\t0\t2\t0\n2\t3\t1\t4\t1\n'));
    expect(t.names).toEqual(['R1', 'R2']);
    expect(t.series.map((s) => [...s])).toEqual([[1, 3], [2, 4]]);
    expect(t.droppedColumns).toEqual(['Onset', 'TIMEPOINT', 'frame']);
    for (const name of ['time', 't', 'volume', 'vol', 'index']) {
      expect((await importTimeSeries(await table('ts.csv', `${name},R1\n5,1\n6,2\n`))).names).toEqual(['R1']);
    }
  });

  it('drops the unnamed row-number column pandas writes first, but not an unnamed column of values', async () => {
    const t = await importTimeSeries(await table('ts.csv', ',R1,R2\n0,1.5,2\n1,3,4\n2,5,6\n'));
    expect(t.names).toEqual(['R1', 'R2']);
    expect(t.series.map((s) => [...s])).toEqual([[1.5, 3, 5], [2, 4, 6]]);
    expect(t.droppedColumns).toEqual(['']);
    await expect(importTimeSeries(await table('ts.csv', ',R1\n0.3,1\n7,2\n'))).rejects.toMatchObject({ code: 'STUDY_TIMESERIES_HEADER', field: 'column 1 name' });
    await expect(importTimeSeries(await table('ts.csv', 'time,index\n0,0\n1,1\n'))).rejects.toMatchObject({ code: 'STUDY_TIMESERIES_HEADER', field: 'region columns' });
  });

  it('checks 100,000 column names for duplicates in linear time, still catching one', () => {
    const columns = Array.from({ length: 100_000 }, (_, c) => `R${c}`);
    const rows = [columns.map((_, c) => String(c % 7))];
    const started = performance.now();
    expect(parseTimeSeries({ file: 'wide.tsv', columns, rows }).names).toHaveLength(100_000);
    // The quadratic indexOf scan took about 13 s here; a Set takes milliseconds.
    expect(performance.now() - started).toBeLessThan(2000);
    const duplicated = [...columns.slice(0, -1), 'R5'];
    expect(() => parseTimeSeries({ file: 'wide.tsv', columns: duplicated, rows })).toThrow(expect.objectContaining({ field: 'column 100000 name', value: 'R5' }));
  });
});
