/**
 * A small RFC-4180-style reader for the tests (separate from the writer): fields split on
 * `sep`, `"…"` quoted fields with doubled quotes inside, one record per `\n` line.
 */
export function readTable(text: string, sep: string): { columns: string[]; rows: string[][] } {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) record.push(field), (field = '');
    else if (c === '\n') record.push(field), records.push(record), (record = []), (field = '');
    else field += c;
  }
  if (field !== '' || record.length) throw new Error('table does not end with a newline');
  const [columns, ...rows] = records;
  return { columns, rows };
}

/** A column of a read table by name. */
export function column(table: { columns: string[]; rows: string[][] }, name: string): string[] {
  const i = table.columns.indexOf(name);
  if (i < 0) throw new Error(`no column ${name} in ${table.columns.join(', ')}`);
  return table.rows.map((r) => r[i]);
}
